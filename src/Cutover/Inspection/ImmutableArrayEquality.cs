using System.Collections.Immutable;

namespace Cutover.Inspection;

/// <summary>Value equality for the <see cref="ImmutableArray{T}"/> members of the model records, which compare by
/// reference otherwise; a default (uninitialised) array counts as empty.</summary>
internal static class ImmutableArrayEquality
{
    public static bool Equal<T>(ImmutableArray<T> left, ImmutableArray<T> right)
    {
        var l = left.IsDefault ? ImmutableArray<T>.Empty : left;
        var r = right.IsDefault ? ImmutableArray<T>.Empty : right;
        return l.AsSpan().SequenceEqual(r.AsSpan(), EqualityComparer<T>.Default);
    }

    public static int Hash<T>(ImmutableArray<T> array)
    {
        var hash = new HashCode();
        if (!array.IsDefault)
        {
            foreach (var item in array)
            {
                hash.Add(item);
            }
        }

        return hash.ToHashCode();
    }
}
