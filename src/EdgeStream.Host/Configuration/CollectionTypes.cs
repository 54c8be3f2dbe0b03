namespace EdgeStream.Host.Configuration;

/// <summary>Element types of the collection shapes the configuration binder fills: dictionaries, lists, arrays.</summary>
internal static class CollectionTypes
{
    public static Type? DictionaryValue(Type type) =>
        GenericArgument(type, typeof(IDictionary<,>), 1) ?? GenericArgument(type, typeof(IReadOnlyDictionary<,>), 1);

    public static Type? ListElement(Type type) =>
        type.IsArray ? type.GetElementType() : GenericArgument(type, typeof(IEnumerable<>), 0);

    private static Type? GenericArgument(Type type, Type openInterface, int index)
    {
        var candidates = type.IsInterface ? type.GetInterfaces().Append(type) : type.GetInterfaces();
        var match = candidates.FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == openInterface);
        return match?.GetGenericArguments()[index];
    }
}
