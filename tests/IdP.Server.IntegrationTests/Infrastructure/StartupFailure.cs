namespace IdP.Server.IntegrationTests.Infrastructure;

/// <summary>What an operator reads when the server refuses to start: every message of the exception tree.</summary>
public static class StartupFailure
{
    public static string Messages(Exception error) => string.Join("\n", Flatten(error).Select(e => e.Message));

    private static IEnumerable<Exception> Flatten(Exception error)
    {
        for (Exception? e = error; e is not null; e = e.InnerException)
        {
            yield return e;
            if (e is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Flatten))
                {
                    yield return inner;
                }
            }
        }
    }
}
