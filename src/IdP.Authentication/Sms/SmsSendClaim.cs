namespace IdP.Authentication.Sms;

/// <summary>
/// Which earlier sends make a new one a duplicate. Checked by <see cref="SmsSendLimiter.ReserveAsync"/> in the same
/// locked transaction that inserts the send's record, so of any number of parallel requests exactly one sends; the
/// claim lives in the database (the delivery records), not in a cookie or the flow's data.
/// </summary>
/// <param name="PerUser">False: earlier sends of the same flow (<see cref="IdP.Data.Entities.SmsMessage.FlowId"/>). True: of the same account and purpose.</param>
/// <param name="Cooldown">Null: any earlier send (once per flow). Otherwise only sends within this time.</param>
public sealed record SmsSendClaim(bool PerUser, TimeSpan? Cooldown)
{
    /// <summary>The first code of a sign-in step: once per flow, so a reload (or a replayed form) never sends again.</summary>
    public static readonly SmsSendClaim Once = new(false, null);

    /// <summary>A new code the person asked for (resend, another number, an enrolled number): once per flow per cooldown.</summary>
    public static SmsSendClaim After(TimeSpan cooldown) => new(false, cooldown);

    /// <summary>A portal enrollment code (add or resend): once per account per cooldown, whichever enrollment cookie is sent.</summary>
    public static SmsSendClaim PerUserAfter(TimeSpan cooldown) => new(true, cooldown);
}
