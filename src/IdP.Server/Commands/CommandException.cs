namespace IdP.Server.Commands;

/// <summary>A command-line mistake; its message is printed as the one-line reason.</summary>
public sealed class CommandException(string message) : Exception(message);
