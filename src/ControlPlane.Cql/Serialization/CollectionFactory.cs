namespace ControlPlane.Cql.Serialization;

/// <summary>Creates and fills one kind of typed collection without reflection per element.</summary>
internal abstract class CollectionFactory
{
    public abstract object Create(int count);

    public abstract void Add(object collection, object? item);

    public abstract void Put(object collection, object? key, object? value);
}

internal sealed class ListFactory<T> : CollectionFactory
{
    public override object Create(int count) => new List<T>(count);

    public override void Add(object collection, object? item) => ((List<T>)collection).Add((T)item!);

    public override void Put(object collection, object? key, object? value) => throw new NotSupportedException();
}

internal sealed class SetFactory<T> : CollectionFactory
{
    public override object Create(int count) => new HashSet<T>(count);

    public override void Add(object collection, object? item) => ((HashSet<T>)collection).Add((T)item!);

    public override void Put(object collection, object? key, object? value) => throw new NotSupportedException();
}

internal sealed class MapFactory<TKey, TValue> : CollectionFactory
    where TKey : notnull
{
    public override object Create(int count) => new Dictionary<TKey, TValue>(count);

    public override void Add(object collection, object? item) => throw new NotSupportedException();

    public override void Put(object collection, object? key, object? value) =>
        ((Dictionary<TKey, TValue>)collection)[(TKey)key!] = (TValue)value!;
}
