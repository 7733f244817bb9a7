using IdP.Authentication.Sms;
using IdP.Smpp;
using IdP.Smpp.Pdus;

namespace IdP.Server.Sms;

/// <summary>
/// One <see cref="SmppClient.SubmitAsync"/> turned into an <see cref="SmsSendResult"/>: every SMSC-side problem
/// becomes an outcome with plain words (never the number, never the text), nothing is thrown but cancellation.
/// </summary>
public static class SmppSubmission
{
    public static async Task<SmsSendResult> SendAsync(SmppClient client, SmsSendRequest request, string endpoint, string? node, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            var submitted = await client.SubmitAsync(new SmsMessage
            {
                Destination = request.Destination,
                Text = request.Text,
                RequestDeliveryReceipt = request.RequestDeliveryReceipt,
            }, ct);
            return new SmsSendResult(SmsSendOutcome.Accepted, submitted.MessageIds, submitted.Segments, null, node);
        }
        catch (SmppSubmitException ex)
        {
            return FromSubmitStatus(ex.CommandStatus, ex.AcceptedMessageIds, node);
        }
        catch (SmppOutcomeUnknownException)
        {
            return new SmsSendResult(SmsSendOutcome.Unknown, [], 0,
                $"The SMSC at {endpoint} did not answer the submit in time, twice (it was retried once): the message may or may not arrive. Do not resend blindly; let the person ask for a new message.",
                node);
        }
        catch (SmppNotBoundException ex)
        {
            var lastError = client.LastError is { Length: > 0 } error ? error : "still connecting";
            var stopped = ex.Message.Contains("stopped", StringComparison.OrdinalIgnoreCase);
            return new SmsSendResult(SmsSendOutcome.Unavailable, [], 0,
                stopped
                    ? $"The SMPP session to {endpoint} was being replaced (settings changed or the node is stopping); nothing was sent. Try again."
                    : $"Not bound to the SMSC {endpoint}: {lastError}. Nothing was sent. Check that the SMSC is reachable and the smpp script's smpp_server, smpp_port, use_tls, system_id and password; `sms test --to NUMBER` shows the bind result.",
                node);
        }
        catch (ArgumentException ex)
        {
            // The message itself cannot be built (destination or sender not valid for SMPP): resending the same cannot help.
            return new SmsSendResult(SmsSendOutcome.Rejected, [], 0, "The message could not be sent: " + SmppClientOptionsFactory.ToPropertyNames(ex.Message), node);
        }
        catch (SmppException ex)
        {
            return new SmsSendResult(SmsSendOutcome.Unavailable, [], 0, $"The SMPP session to {endpoint} failed: {ex.Message}", node);
        }
    }

    /// <summary>
    /// A refused submit: permanent refusals (bad number, bad sender, protocol) are <see cref="SmsSendOutcome.Rejected"/>;
    /// temporary ones the client already retried (system error, throttling) are <see cref="SmsSendOutcome.Unavailable"/>,
    /// since sending again later may work.
    /// </summary>
    public static SmsSendResult FromSubmitStatus(CommandStatus status, IReadOnlyList<string> acceptedIds, string? node)
    {
        var temporary = CommandStatusInfo.Classify(status) is CommandStatusCategory.Temporary or CommandStatusCategory.Throttling or CommandStatusCategory.SessionState;
        return temporary
            ? new SmsSendResult(SmsSendOutcome.Unavailable, acceptedIds, acceptedIds.Count,
                $"The SMSC refused the message for now: {CommandStatusInfo.Describe(status)}. Try again in a moment.", node)
            : new SmsSendResult(SmsSendOutcome.Rejected, acceptedIds, acceptedIds.Count,
                $"The SMSC rejected the message: {CommandStatusInfo.Describe(status)}.", node);
    }
}
