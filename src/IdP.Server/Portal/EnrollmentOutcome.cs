namespace IdP.Server.Portal;

/// <summary>
/// The result of a step of phone enrollment. <see cref="Error"/> is for the user (plain words);
/// <see cref="Pending"/> is the enrollment to keep (null when it is over, whether it succeeded or not).
/// </summary>
public sealed record EnrollmentOutcome(bool Succeeded, string? Error, PendingEnrollment? Pending, DateTimeOffset? RetryAt = null)
{
    public static EnrollmentOutcome Fail(string error, PendingEnrollment? keep = null, DateTimeOffset? retryAt = null) => new(false, error, keep, retryAt);
}
