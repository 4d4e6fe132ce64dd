using System.Reflection;
using System.Reflection.Emit;

namespace CrmBot.Tests.Architecture;

/// <summary>
/// Which namespaces of an assembly use which others, read from the compiled code: member signatures, base types,
/// attributes and every type, method or field a method body touches (lambdas and async state machines count for the
/// type that declares them). Comments and <c>using</c> lines do not count; only what the code really depends on.
/// </summary>
public sealed class NamespaceGraph
{
    private const BindingFlags Everything = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (OpCode)f.GetValue(null)!).ToDictionary(o => o.Value);

    private readonly string _root;

    public Dictionary<string, HashSet<string>> Uses { get; } = [];

    public NamespaceGraph(Assembly assembly, string root)
    {
        _root = root;
        foreach (var type in assembly.GetTypes())
        {
            var from = NamespaceOf(type);
            if (from is null)
            {
                continue;
            }
            Uses.TryAdd(from, []);
            foreach (var used in TypesUsedBy(type))
            {
                if (NamespaceOf(used) is { } to && to != from)
                {
                    Uses[from].Add(to);
                }
            }
        }
    }

    /// <summary>The cycles among the namespaces, each as a path that returns to where it started.</summary>
    public IReadOnlyList<string> Cycles()
    {
        var cycles = new List<string>();
        var state = new Dictionary<string, int>();
        var path = new Stack<string>();
        foreach (var start in Uses.Keys.Order())
        {
            Visit(start);
        }
        return cycles;

        void Visit(string node)
        {
            if (state.GetValueOrDefault(node) == 2)
            {
                return;
            }
            if (state.GetValueOrDefault(node) == 1)
            {
                var loop = path.Reverse().SkipWhile(n => n != node).Append(node);
                cycles.Add(string.Join(" -> ", loop));
                return;
            }
            state[node] = 1;
            path.Push(node);
            foreach (var next in Uses.GetValueOrDefault(node, []).Order())
            {
                Visit(next);
            }
            path.Pop();
            state[node] = 2;
        }
    }

    // The namespace under the root that a type belongs to (a nested or compiler-generated type: its outermost type's).
    private string? NamespaceOf(Type type)
    {
        while (type.IsNested)
        {
            type = type.DeclaringType!;
        }
        var ns = type.Namespace;
        return ns is not null && (ns == _root || ns.StartsWith(_root + ".", StringComparison.Ordinal)) ? ns : null;
    }

    private static IEnumerable<Type> TypesUsedBy(Type type)
    {
        var found = new HashSet<Type>();
        void Add(Type? t)
        {
            if (t is null || !found.Add(t))
            {
                return;
            }
            if (t.HasElementType)
            {
                Add(t.GetElementType());
            }
            if (t.IsGenericType && !t.IsGenericTypeDefinition)
            {
                Add(t.GetGenericTypeDefinition());
                foreach (var argument in t.GetGenericArguments())
                {
                    Add(argument);
                }
            }
        }
        Add(type.BaseType);
        foreach (var i in type.GetInterfaces()) Add(i);
        foreach (var a in type.GetCustomAttributesData()) Add(a.AttributeType);
        foreach (var f in type.GetFields(Everything)) Add(f.FieldType);
        foreach (var p in type.GetProperties(Everything)) Add(p.PropertyType);
        foreach (var e in type.GetEvents(Everything)) Add(e.EventHandlerType);
        foreach (var method in type.GetMethods(Everything).Cast<MethodBase>().Concat(type.GetConstructors(Everything)))
        {
            if (method is MethodInfo info) Add(info.ReturnType);
            foreach (var parameter in method.GetParameters()) Add(parameter.ParameterType);
            foreach (var a in method.GetCustomAttributesData()) Add(a.AttributeType);
            foreach (var used in TypesInBody(method)) Add(used);
        }
        return found;
    }

    private static IEnumerable<Type> TypesInBody(MethodBase method)
    {
        var body = method.GetMethodBody();
        if (body is null)
        {
            yield break;
        }
        foreach (var local in body.LocalVariables) yield return local.LocalType;
        var il = body.GetILAsByteArray() ?? [];
        var module = method.Module;
        var typeArguments = method.DeclaringType?.IsGenericType == true ? method.DeclaringType.GetGenericArguments() : null;
        var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
        for (int at = 0; at < il.Length;)
        {
            short value = il[at] == 0xFE ? (short)(0xFE00 | il[at + 1]) : il[at];
            var op = OpCodesByValue[value];
            at += op.Size;
            if (op.OperandType is OperandType.InlineType or OperandType.InlineMethod or OperandType.InlineField or OperandType.InlineTok)
            {
                var member = module.ResolveMember(BitConverter.ToInt32(il, at), typeArguments, methodArguments);
                switch (member)
                {
                    case Type t: yield return t; break;
                    case FieldInfo f: yield return f.DeclaringType!; yield return f.FieldType; break;
                    case MethodBase m:
                        yield return m.DeclaringType!;
                        if (m is MethodInfo mi) yield return mi.ReturnType;
                        if (m.IsGenericMethod) foreach (var g in m.GetGenericArguments()) yield return g;
                        break;
                }
            }
            at += OperandSize(op, il, at);
        }
    }

    private static int OperandSize(OpCode op, byte[] il, int at) => op.OperandType switch
    {
        OperandType.InlineNone => 0,
        OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
        OperandType.InlineVar => 2,
        OperandType.InlineI8 or OperandType.InlineR => 8,
        OperandType.InlineSwitch => 4 + 4 * BitConverter.ToInt32(il, at),
        _ => 4,
    };
}
