using System.Collections.Concurrent;
using System.Reflection;
using ControlPlane.Storage;
using Microsoft.Extensions.Logging;

namespace ControlPlane.Runtime;

/// <summary>Hosts this silo's grain activations: creates them on first call, runs calls as turns, deactivates them.</summary>
/// <remarks>
/// A grain is activated only if this silo owns its shard (<see cref="IShardOwnership"/>); the
/// activation keeps the shard's fence and passes it with every write, so a silo whose lease was
/// taken over can no longer change anything. When a shard is lost, its activations are dropped
/// without running their deactivation logic. Calls that race with a deactivation are retried on
/// a fresh activation.
/// </remarks>
public sealed partial class GrainRuntime : IGrainFactory, IAsyncDisposable
{
    private const int MaxAttempts = 3;
    private readonly ConcurrentDictionary<GrainId, Lazy<Task<GrainActivation>>> _activations = new();
    private readonly Dictionary<Type, string> _kindsByInterface = [];
    private readonly Dictionary<string, Func<GrainId, Grain>> _factoriesByKind = [];
    private readonly IShardOwnership _ownership;
    private readonly ILogger<GrainRuntime> _logger;
    private readonly ILoggerFactory _loggerFactory;

    private static readonly ConcurrentDictionary<Type, PropertyInfo> ResultProperties = new();
    private readonly Dictionary<string, Type> _interfacesByKind = [];
    private readonly IGrainDirectory? _directory;
    private readonly IGrainTransport? _transport;

    /// <summary>A runtime; without <paramref name="directory"/> and <paramref name="transport"/> it only reaches grains it owns.</summary>
    public GrainRuntime(ShardMap shards, IShardOwnership ownership, TimeProvider time, ILoggerFactory loggerFactory, IGrainDirectory? directory = null, IGrainTransport? transport = null)
    {
        _directory = directory;
        _transport = transport;
        Shards = shards;
        _ownership = ownership;
        Time = time;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger<GrainRuntime>();
        _ownership.ShardLost += shard => _ = DeactivateShardAsync(shard);
    }

    public ShardMap Shards { get; }

    public TimeProvider Time { get; }

    /// <summary>Grains currently active on this silo.</summary>
    public IReadOnlyCollection<GrainId> ActiveGrains =>
        _activations.Where(a => a.Value.IsValueCreated && a.Value.Value.IsCompletedSuccessfully).Select(a => a.Key).ToList();

    /// <summary>Declares that grains of interface <typeparamref name="TGrain"/> have kind <paramref name="kind"/> and are built by <paramref name="create"/>.</summary>
    public void Register<TGrain>(string kind, Func<GrainId, Grain> create)
        where TGrain : class, IGrain
    {
        _kindsByInterface[typeof(TGrain)] = kind;
        _interfacesByKind[kind] = typeof(TGrain);
        _factoriesByKind[kind] = create;
    }

    public TGrain Get<TGrain>(string key)
        where TGrain : class, IGrain
    {
        if (!_kindsByInterface.TryGetValue(typeof(TGrain), out var kind))
        {
            throw new InvalidOperationException($"no grain kind registered for {typeof(TGrain).Name}");
        }

        return GrainReference<TGrain>.Create(this, new GrainId(kind, key));
    }

    /// <summary>True when this silo owns the grain's shard (it may or may not be active yet).</summary>
    public bool Owns(GrainId grain) => _ownership.TryGetFence(Shards.ShardOf(grain), out _);

    /// <summary>Activates the grain if needed (keep-alive for grains that work on timers).</summary>
    public async Task EnsureActiveAsync(GrainId grain) => await GetOrActivateAsync(grain);

    /// <summary>Deactivates one grain gracefully (it was removed from the definition).</summary>
    public async Task DeactivateAsync(GrainId grain)
    {
        if (_activations.TryRemove(grain, out var lazy) && lazy.IsValueCreated && lazy.Value.IsCompletedSuccessfully)
        {
            await lazy.Value.Result.DeactivateAsync(leaseLost: false);
        }
    }

    /// <summary>How long a call keeps retrying while its grain's shard moves between silos.</summary>
    private static readonly TimeSpan CallDeadline = TimeSpan.FromSeconds(15);

    /// <summary>Runs a call on the grain's owner: here when this silo owns the shard, else on the owner silo.</summary>
    internal async Task<T> InvokeAsync<T>(GrainId grain, MethodInfo method, object?[] args)
    {
        var started = Time.GetUtcNow();
        for (var attempt = 1; ; attempt++)
        {
            var shard = Shards.ShardOf(grain);
            if (_ownership.TryGetFence(shard, out _) || _directory is null || _transport is null)
            {
                try
                {
                    return await InvokeLocalAsync<T>(grain, method, args);
                }
                catch (ShardNotOwnedException) when (_directory is not null && Time.GetUtcNow() - started < CallDeadline)
                {
                    // Lost the shard between the check and the call: route again.
                }
            }
            else
            {
                var owner = await _directory.FindOwnerAsync(shard, CancellationToken.None);
                if (owner is not null)
                {
                    try
                    {
                        return await _transport.InvokeAsync<T>(owner, grain, method.Name, args ?? [], CancellationToken.None);
                    }
                    catch (Exception e) when (e is ShardNotOwnedException or HttpRequestException or TaskCanceledException && Time.GetUtcNow() - started < CallDeadline)
                    {
                        _directory.Invalidate(shard);
                    }
                }
                else if (Time.GetUtcNow() - started >= CallDeadline)
                {
                    throw new ShardNotOwnedException(grain, shard);
                }
            }

            await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(1000, 50 * attempt)), Time);
        }
    }

    /// <summary>Runs a call on this silo's activation; throws <see cref="ShardNotOwnedException"/> when this silo does not own the grain.</summary>
    internal async Task<T> InvokeLocalAsync<T>(GrainId grain, MethodInfo method, object?[] args)
    {
        for (var attempt = 1; ; attempt++)
        {
            var activation = await GetOrActivateAsync(grain);
            try
            {
                return await activation.RunTurnAsync(async () =>
                {
                    var task = (Task)method.Invoke(activation.Grain, args)!;
                    await task;
                    return method.ReturnType.IsGenericType ? (T)ResultProperties.GetOrAdd(task.GetType(), t => t.GetProperty(nameof(Task<int>.Result))!).GetValue(task)! : default!;
                });
            }
            catch (GrainDeactivatedException) when (attempt < MaxAttempts)
            {
                _activations.TryRemove(new KeyValuePair<GrainId, Lazy<Task<GrainActivation>>>(grain, _activations.GetValueOrDefault(grain)!));
            }
            catch (FenceLostException e)
            {
                OnFenceLost(activation, e);
                throw;
            }
        }
    }

    /// <summary>
    /// Serves a grain call that arrived from another silo: <paramref name="arguments"/> is the JSON
    /// array of arguments; returns the JSON result. Throws <see cref="ShardNotOwnedException"/>
    /// when this silo does not own the grain (the caller routes again).
    /// </summary>
    public async Task<string> InvokeFromRemoteAsync(string kind, string key, string methodName, System.Text.Json.JsonElement arguments)
    {
        if (!_interfacesByKind.TryGetValue(kind, out var grainInterface))
        {
            throw new ArgumentException($"unknown grain kind '{kind}'", nameof(kind));
        }

        var method = grainInterface.GetMethod(methodName) ?? throw new ArgumentException($"{grainInterface.Name} has no method '{methodName}'", nameof(methodName));
        var parameters = method.GetParameters();
        var values = arguments.ValueKind == System.Text.Json.JsonValueKind.Array ? arguments.EnumerateArray().ToList() : [];
        if (values.Count != parameters.Length)
        {
            throw new ArgumentException($"{methodName} takes {parameters.Length} argument(s), got {values.Count}", nameof(arguments));
        }

        var args = parameters.Select((p, i) => System.Text.Json.JsonSerializer.Deserialize(values[i], p.ParameterType, StoreJson.Options)).ToArray();
        var grain = new GrainId(kind, key);
        if (!_ownership.TryGetFence(Shards.ShardOf(grain), out _))
        {
            throw new ShardNotOwnedException(grain, Shards.ShardOf(grain));
        }

        var result = await InvokeLocalAsync<object?>(grain, method, args);
        var resultType = method.ReturnType.IsGenericType ? method.ReturnType.GetGenericArguments()[0] : typeof(object);
        return System.Text.Json.JsonSerializer.Serialize(result, resultType, StoreJson.Options);
    }

    internal void OnFenceLost(GrainActivation activation, FenceLostException e)
    {
        LogFenceLost(_logger, activation.Id, e.Fence.ToString(), e.CurrentToken);
        _ = DeactivateShardAsync(activation.Shard);
    }

    private async Task<GrainActivation> GetOrActivateAsync(GrainId grain)
    {
        var lazy = _activations.GetOrAdd(grain, id => new Lazy<Task<GrainActivation>>(() => ActivateAsync(id)));
        try
        {
            return await lazy.Value;
        }
        catch
        {
            _activations.TryRemove(new KeyValuePair<GrainId, Lazy<Task<GrainActivation>>>(grain, lazy));
            throw;
        }
    }

    private async Task<GrainActivation> ActivateAsync(GrainId id)
    {
        var shard = Shards.ShardOf(id);
        if (!_ownership.TryGetFence(shard, out var fence))
        {
            throw new ShardNotOwnedException(id, shard);
        }

        if (!_factoriesByKind.TryGetValue(id.Kind, out var create))
        {
            throw new InvalidOperationException($"no grain kind '{id.Kind}' registered");
        }

        var activation = new GrainActivation(id, shard, fence, create(id), this, _loggerFactory.CreateLogger("ControlPlane.Runtime.GrainActivation"));
        await activation.RunTurnAsync(() => activation.Grain.OnActivateAsync(activation.Deactivating));
        LogActivated(_logger, id, fence.ToString());
        return activation;
    }

    private async Task DeactivateShardAsync(string shard)
    {
        var lost = _activations
            .Where(a => a.Value.IsValueCreated && a.Value.Value.IsCompletedSuccessfully && a.Value.Value.Result.Shard == shard)
            .ToList();
        foreach (var (id, lazy) in lost)
        {
            _activations.TryRemove(new KeyValuePair<GrainId, Lazy<Task<GrainActivation>>>(id, lazy));
            await lazy.Value.Result.DeactivateAsync(leaseLost: true);
        }

        if (lost.Count > 0)
        {
            LogShardDropped(_logger, shard, lost.Count);
        }
    }

    /// <summary>Deactivates every grain gracefully (clean shutdown, while leases are still held).</summary>
    public async ValueTask DisposeAsync()
    {
        var all = _activations.Values.Where(l => l.IsValueCreated && l.Value.IsCompletedSuccessfully).Select(l => l.Value.Result).ToList();
        _activations.Clear();
        await Task.WhenAll(all.Select(a => a.DeactivateAsync(leaseLost: false)));
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Activated {Grain} with fence {Fence}")]
    private static partial void LogActivated(ILogger logger, GrainId grain, string fence);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Grain {Grain} was fenced out ({Fence}, current token {Current}): dropping its shard")]
    private static partial void LogFenceLost(ILogger logger, GrainId grain, string fence, long? current);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shard {Shard} lost: dropped {Count} activation(s) without writing")]
    private static partial void LogShardDropped(ILogger logger, string shard, int count);
}

/// <summary>A typed reference to a grain; each interface call becomes a turn on the grain's activation.</summary>
public class GrainReference<TGrain> : DispatchProxy
    where TGrain : class, IGrain
{
    private static readonly MethodInfo InvokeTyped = typeof(GrainReference<TGrain>).GetMethod(nameof(InvokeTypedAsync), BindingFlags.NonPublic | BindingFlags.Instance)!;
    private static readonly ConcurrentDictionary<MethodInfo, MethodInfo?> ResultTypes = new();
    private GrainRuntime _runtime = null!;

    /// <summary>The grain this reference points to.</summary>
    public GrainId Grain { get; private set; }

    internal static TGrain Create(GrainRuntime runtime, GrainId grain)
    {
        var proxy = Create<TGrain, GrainReference<TGrain>>();
        var reference = (GrainReference<TGrain>)(object)proxy;
        reference._runtime = runtime;
        reference.Grain = grain;
        return proxy;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        var typed = ResultTypes.GetOrAdd(targetMethod, m =>
            m.ReturnType.IsGenericType && m.ReturnType.GetGenericTypeDefinition() == typeof(Task<>)
                ? InvokeTyped.MakeGenericMethod(m.ReturnType.GetGenericArguments()[0])
                : m.ReturnType == typeof(Task) ? null : throw new NotSupportedException($"{m.Name}: grain methods must return Task or Task<T>"));
        return typed is null
            ? _runtime.InvokeAsync<object?>(Grain, targetMethod, args ?? [])
            : typed.Invoke(this, [targetMethod, args ?? []]);
    }

    private Task<T> InvokeTypedAsync<T>(MethodInfo method, object?[] args) => _runtime.InvokeAsync<T>(Grain, method, args);
}
