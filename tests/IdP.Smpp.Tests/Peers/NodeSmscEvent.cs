using System.Text.Json;

namespace IdP.Smpp.Tests.Peers;

/// <summary>One JSON event line printed by tests/peers/smsc.js.</summary>
public sealed class NodeSmscEvent(JsonElement json, string line)
{
    public JsonElement Json { get; } = json;

    public string Line { get; } = line;

    public string Event => Str("event") ?? string.Empty;

    public string? Str(string name) =>
        Json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public int Int(string name) =>
        Json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt32() : -1;

    public long Long(string name) =>
        Json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt64() : -1;

    public bool Bool(string name) =>
        Json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;

    /// <summary>A TLV of a submit event by node-smpp's name (e.g. "sar_msg_ref_num"), as JSON.</summary>
    public JsonElement? Tlv(string name) =>
        Json.TryGetProperty("tlvs", out var tlvs) && tlvs.TryGetProperty(name, out var value) ? value : null;

    public override string ToString() => Line;
}
