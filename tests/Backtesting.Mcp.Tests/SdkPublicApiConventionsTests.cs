using System.Reflection;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using Backtesting.Mcp.Hosting;
using Microsoft.AspNetCore.Routing;

namespace Backtesting.Mcp.Tests;

/// <summary>
/// The MCP project reaches the SDK through its public API only: read from the compiled Backtesting.Mcp assembly, every
/// SDK type and member it references is public, it builds no route builder of its own (the detached builder the SDK's
/// POST handler used to be taken off) and it calls reflection by name in one place only, to list its own tool methods.
/// </summary>
public sealed class SdkPublicApiConventionsTests
{
    private static readonly Assembly McpAssembly = typeof(McpHttpHandler).Assembly;

    /// <summary>Reflection calls that find or invoke members by name (and so can reach internals), by declaring type.</summary>
    private static readonly Dictionary<string, string[]> ReflectionByName = new()
    {
        ["System.Type"] = ["GetMethod", "GetMethods", "GetField", "GetFields", "GetProperty", "GetProperties", "GetMember", "GetMembers", "GetConstructor", "GetConstructors", "InvokeMember", "GetNestedType"],
        ["System.Reflection.MethodBase"] = ["Invoke"],
        ["System.Reflection.FieldInfo"] = ["GetValue", "SetValue"],
        ["System.Reflection.PropertyInfo"] = ["GetValue", "SetValue"],
        ["System.Activator"] = ["CreateInstance"],
        // the request delegate of an endpoint is run by the router, not taken off an endpoint and called
        ["Microsoft.AspNetCore.Http.Endpoint"] = ["get_RequestDelegate"],
    };

    [Fact]
    public void EverySdkTypeAndMemberTheMcpProjectUses_IsPublic()
    {
        var references = ReadReferences();
        var sdk = references.Where(r => r.Assembly.StartsWith("ModelContextProtocol", StringComparison.Ordinal)).ToList();

        // the scan sees the SDK at all: MapMcp is what serves /mcp
        Assert.Contains(sdk, r => r.Type == "Microsoft.AspNetCore.Builder.McpEndpointRouteBuilderExtensions" && r.Member == "MapMcp");
        var hidden = sdk.Where(r => !IsPublic(r)).Select(r => $"{r.Type}::{r.Member}").Distinct().ToList();
        Assert.True(hidden.Count == 0, "non-public SDK API used: " + string.Join(", ", hidden));
    }

    [Fact]
    public void McpProject_BuildsNoRouteBuilderOfItsOwn()
    {
        var builders = McpAssembly.GetTypes().Where(type => typeof(IEndpointRouteBuilder).IsAssignableFrom(type)).Select(type => type.FullName).ToList();

        Assert.Empty(builders);
    }

    [Fact]
    public void McpProject_CallsReflectionByNameOnlyToListItsOwnToolMethods()
    {
        var calls = ReadCalls();
        var reflection = calls.Where(c => ReflectionByName.TryGetValue(c.Callee.Type, out var names) && names.Contains(c.Callee.Member)).ToList();

        // the scan sees calls at all: the filter's rate limiting calls into Application
        Assert.Contains(calls, c => c.Caller == typeof(McpRequestChecks).FullName && c.Callee.Member == "Acquire");
        // the one use: the tool catalogue lists the [McpServerTool] methods of its own tool classes, as the SDK's WithTools does
        var outside = reflection.Where(c => c.Caller != "Backtesting.Mcp.Tools.McpToolCatalog").Select(c => $"{c.Caller} calls {c.Callee.Type}::{c.Callee.Member}").Distinct().ToList();
        Assert.True(outside.Count == 0, "reflection by name: " + string.Join(", ", outside));
    }

    private sealed record Reference(string Assembly, string Type, string? Member);

    private sealed record Call(string Caller, Reference Callee);

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(field => (OpCode)field.GetValue(null)!).ToDictionary(code => code.Value);

    /// <summary>Every call (call, callvirt, newobj, ldftn) from a method of the Backtesting.Mcp assembly to a referenced member, by the caller's top-level type.</summary>
    private static List<Call> ReadCalls()
    {
        using var stream = File.OpenRead(McpAssembly.Location);
        using var pe = new PEReader(stream);
        var reader = pe.GetMetadataReader();
        var calls = new List<Call>();
        foreach (var typeHandle in reader.TypeDefinitions)
        {
            var type = reader.GetTypeDefinition(typeHandle);
            string caller = TopLevelName(reader, type);
            foreach (var methodHandle in type.GetMethods())
            {
                var method = reader.GetMethodDefinition(methodHandle);
                if (method.RelativeVirtualAddress == 0) continue;
                var il = pe.GetMethodBody(method.RelativeVirtualAddress).GetILReader();
                while (il.RemainingBytes > 0)
                {
                    short value = il.ReadByte();
                    if (value == 0xFE) value = unchecked((short)(0xFE00 | il.ReadByte()));
                    var code = OpCodesByValue.TryGetValue(value, out var known) ? known : throw new InvalidOperationException($"{caller}.{reader.GetString(method.Name)}: opcode {value:X} at {il.Offset - 1}");
                    switch (code.OperandType)
                    {
                        case OperandType.InlineMethod:
                            var token = MetadataTokens.EntityHandle(il.ReadInt32());
                            if (token.Kind == HandleKind.MemberReference)
                            {
                                var member = reader.GetMemberReference((MemberReferenceHandle)token);
                                if (member.Parent.Kind == HandleKind.TypeReference && TypeOf(reader, (TypeReferenceHandle)member.Parent) is { } callee)
                                    calls.Add(new Call(caller, new Reference(callee.Assembly, callee.Name, reader.GetString(member.Name))));
                            }
                            break;
                        case OperandType.InlineSwitch:
                            int targets = il.ReadInt32();
                            il.Offset += 4 * targets;
                            break;
                        default:
                            il.Offset += OperandSize(code.OperandType);
                            break;
                    }
                }
            }
        }
        return calls;
    }

    private static int OperandSize(OperandType type) => type switch
    {
        OperandType.InlineNone => 0,
        OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
        OperandType.InlineVar => 2,
        OperandType.InlineI8 or OperandType.InlineR => 8,
        _ => 4,
    };

    /// <summary>The full name of the type that declares <paramref name="type"/> at the top (compiler-generated closures and state machines are nested in their method's type).</summary>
    private static string TopLevelName(MetadataReader reader, TypeDefinition type)
    {
        while (type.GetDeclaringType() is { IsNil: false } outer)
            type = reader.GetTypeDefinition(outer);
        string ns = reader.GetString(type.Namespace);
        return ns.Length == 0 ? reader.GetString(type.Name) : ns + "." + reader.GetString(type.Name);
    }

    /// <summary>Every type reference (Member null) and member reference of the Backtesting.Mcp assembly, with the assembly it points into.</summary>
    private static List<Reference> ReadReferences()
    {
        using var stream = File.OpenRead(McpAssembly.Location);
        using var pe = new PEReader(stream);
        var reader = pe.GetMetadataReader();
        var result = new List<Reference>();
        foreach (var handle in reader.TypeReferences)
        {
            if (TypeOf(reader, handle) is { } type)
                result.Add(new Reference(type.Assembly, type.Name, null));
        }
        foreach (var handle in reader.MemberReferences)
        {
            var member = reader.GetMemberReference(handle);
            if (member.Parent.Kind == HandleKind.TypeReference && TypeOf(reader, (TypeReferenceHandle)member.Parent) is { } type)
                result.Add(new Reference(type.Assembly, type.Name, reader.GetString(member.Name)));
        }
        return result;
    }

    /// <summary>The referenced type's assembly and reflection name (Outer+Nested), or null for a type of this assembly.</summary>
    private static (string Assembly, string Name)? TypeOf(MetadataReader reader, TypeReferenceHandle handle)
    {
        var type = reader.GetTypeReference(handle);
        string name = reader.GetString(type.Name);
        string ns = reader.GetString(type.Namespace);
        switch (type.ResolutionScope.Kind)
        {
            case HandleKind.AssemblyReference:
                var assembly = reader.GetAssemblyReference((AssemblyReferenceHandle)type.ResolutionScope);
                return (reader.GetString(assembly.Name), ns.Length == 0 ? name : ns + "." + name);
            case HandleKind.TypeReference:
                return TypeOf(reader, (TypeReferenceHandle)type.ResolutionScope) is { } outer ? (outer.Assembly, outer.Name + "+" + name) : null;
            default:
                return null;
        }
    }

    private static bool IsPublic(Reference reference)
    {
        var type = Assembly.Load(reference.Assembly).GetType(reference.Type, throwOnError: true)!;
        if (!type.IsVisible) return false;
        if (reference.Member is null) return true;
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static;
        // overloads share a name; the reference is public when a public (or protected) member of that name exists
        var members = reference.Member == ".ctor"
            ? type.GetConstructors(all).Cast<MemberInfo>()
            : type.GetMember(reference.Member, all);
        return members.Any(member => member switch
        {
            MethodBase method => method.IsPublic || method.IsFamily || method.IsFamilyOrAssembly,
            FieldInfo field => field.IsPublic || field.IsFamily || field.IsFamilyOrAssembly,
            _ => true,
        });
    }
}
