namespace IdP.Authentication.Scripts;

/// <summary>The value type of a script property.</summary>
public enum ScriptPropertyType
{
    String,
    Integer,
    Boolean,

    /// <summary>One of <see cref="ScriptPropertyDefinition.AllowedValues"/>.</summary>
    Choice,
}
