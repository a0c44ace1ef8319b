namespace Backtesting.Application.Json;

/// <summary>
/// The type of every value a <see cref="System.Text.Json.Serialization.JsonExtensionDataAttribute"/> property holds (its
/// properties are written beside the named ones), so the API description can give their schema as additionalProperties.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ExtensionValuesAttribute(Type valueType) : Attribute
{
    public Type ValueType { get; } = valueType;
}
