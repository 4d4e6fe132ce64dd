namespace CrmBot.Intelligence.Profiles;

/// <summary>The ML.NET binary classifiers the churn model can be trained with; <c>eval churn</c> compares them.</summary>
public enum ChurnAlgorithm { LogisticRegression, FastTree, LightGbm }
