using System.Globalization;
using System.Net.Http.Headers;
using Kiosk.Shared.Contracts;

namespace Kiosk.Terminal.Offline;

/// <summary>
/// An outbox item's number and, when every item before it has been answered, the number of the item before it
/// (null otherwise): the server extends its mark over this item only if it holds that one (see <see cref="OutboxMarks"/>).
/// </summary>
public readonly record struct OutboxPlace(long Seq, long? After)
{
    public void AddTo(HttpRequestHeaders headers)
    {
        headers.Add(OutboxMarks.SeqHeader, Seq.ToString(CultureInfo.InvariantCulture));
        if (After is { } after) headers.Add(OutboxMarks.AfterHeader, after.ToString(CultureInfo.InvariantCulture));
    }
}
