using System.ComponentModel;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using CrmBot.Core.Turns;
using CrmBot.Core.Dialogs;
using CrmBot.Core.Escalations;
using CrmBot.Core.Knowledge;
using CrmBot.Core.Privacy;
using CrmBot.Core.Recommendations;
using Microsoft.SemanticKernel;

namespace CrmBot.Core.Plugins;

/// <summary>
/// Dialog steps call the plugins' Semantic Kernel functions by name ("orders.get_order"), the same methods a model with
/// function calling is offered, so there is one implementation of every business action. The name-to-method table is
/// built once from the <see cref="KernelFunctionAttribute"/>s; a turn creates only the plugins its steps call. One
/// instance per turn (the plugins hold the turn).
/// </summary>
public sealed class DialogFunctions : IDialogFunctions
{
    private static readonly JsonSerializerOptions ResultJson = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    private static readonly (string Name, Type Type)[] PluginTypes =
    [
        ("customers", typeof(CustomersPlugin)),
        ("orders", typeof(OrdersPlugin)),
        ("products", typeof(ProductsPlugin)),
        ("knowledge", typeof(KnowledgePlugin)),
        ("escalation", typeof(EscalationPlugin)),
        ("privacy", typeof(PrivacyPlugin)),
    ];

    private static readonly Dictionary<string, PluginFunction> Functions = PluginTypes
        .SelectMany(p => p.Type.GetMethods()
            .Select(m => (Method: m, Attribute: m.GetCustomAttribute<KernelFunctionAttribute>()))
            .Where(f => f.Attribute is not null)
            .Select(f => new PluginFunction(p.Name, $"{p.Name}.{f.Attribute!.Name}", f.Method)))
        .ToDictionary(f => f.Name, StringComparer.Ordinal);

    /// <summary>Every "plugin.function" a dialog may call, for checking dialog files at start-up.</summary>
    public static IReadOnlySet<string> Names { get; } = Functions.Keys.ToHashSet(StringComparer.Ordinal);

    private readonly Dictionary<string, Func<object>> _create;
    private readonly Dictionary<string, object> _plugins = new(StringComparer.Ordinal);

    public DialogFunctions(ICustomerTurn turn, ConversationOptions options, KnowledgeSearch knowledge, EscalationService escalations, SuggestionServices suggestions, PrivacyDesk privacy)
    {
        _create = new(StringComparer.Ordinal)
        {
            ["customers"] = () => new CustomersPlugin(turn, options),
            ["orders"] = () => new OrdersPlugin(turn),
            ["products"] = () => new ProductsPlugin(turn, suggestions),
            ["knowledge"] = () => new KnowledgePlugin(knowledge, options),
            ["escalation"] = () => new EscalationPlugin(turn, escalations),
            ["privacy"] = () => new PrivacyPlugin(turn, privacy),
        };
    }

    public async Task<JsonNode?> InvokeAsync(string function, IReadOnlyDictionary<string, string> arguments, CancellationToken ct)
    {
        if (!Functions.TryGetValue(function, out var target))
        {
            throw new KeyNotFoundException($"No plugin function '{function}'.");
        }
        if (!_plugins.TryGetValue(target.Plugin, out var plugin))
        {
            _plugins[target.Plugin] = plugin = _create[target.Plugin]();
        }
        var value = await target.InvokeAsync(plugin, arguments, ct);
        return value is null ? null : JsonSerializer.SerializeToNode(value, value.GetType(), ResultJson);
    }

    /// <summary>One plugin method: its arguments come as text (dialog slots) and are converted to the parameters' types.</summary>
    private sealed class PluginFunction(string plugin, string name, MethodInfo method)
    {
        private readonly ParameterInfo[] _parameters = method.GetParameters();
        private readonly PropertyInfo? _taskResult = method.ReturnType.IsGenericType && method.ReturnType.GetGenericTypeDefinition() == typeof(Task<>)
            ? method.ReturnType.GetProperty(nameof(Task<object>.Result))
            : null;

        public string Plugin { get; } = plugin;
        public string Name { get; } = name;

        public async Task<object?> InvokeAsync(object target, IReadOnlyDictionary<string, string> arguments, CancellationToken ct)
        {
            var values = new object?[_parameters.Length];
            for (int i = 0; i < _parameters.Length; i++)
            {
                var parameter = _parameters[i];
                values[i] = parameter.ParameterType == typeof(CancellationToken) ? ct
                    : arguments.TryGetValue(parameter.Name!, out var text) ? Convert(text, parameter)
                    : parameter.HasDefaultValue ? parameter.DefaultValue
                    : throw new ArgumentException($"{Name} needs '{parameter.Name}'.");
            }
            var result = method.Invoke(target, BindingFlags.DoNotWrapExceptions, null, values, null);
            if (result is Task task)
            {
                await task;
                return _taskResult?.GetValue(task);
            }
            return result;
        }

        private object? Convert(string text, ParameterInfo parameter)
        {
            var type = Nullable.GetUnderlyingType(parameter.ParameterType) ?? parameter.ParameterType;
            try
            {
                return type == typeof(string) ? text : TypeDescriptor.GetConverter(type).ConvertFromInvariantString(text);
            }
            catch (Exception e) when (e is FormatException or NotSupportedException or ArgumentException)
            {
                throw new ArgumentException($"{Name}: '{parameter.Name}' must be a {type.Name}, not '{text}'.", e);
            }
        }
    }
}
