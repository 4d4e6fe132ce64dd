// Supervisor dashboard (issue 10): the tabs, and each tab's module started the first time its tab is shown.
import { initAnalytics } from './analytics.js';
import { initTabs, onFirstShow } from './tabs.js';

onFirstShow('analytics', initAnalytics);
initTabs();
