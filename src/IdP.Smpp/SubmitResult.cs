using IdP.Smpp.Text;

namespace IdP.Smpp;

/// <summary>The outcome of a successful <see cref="SmppClient.SubmitAsync"/>.</summary>
/// <param name="MessageIds">The SMSC's message id for each submit_sm (one per segment; one in payload mode).</param>
/// <param name="Segments">The number of submit_sm PDUs sent.</param>
/// <param name="Encoding">The alphabet used.</param>
public sealed record SubmitResult(IReadOnlyList<string> MessageIds, int Segments, SmsEncoding Encoding);
