namespace Cutover.Scripts;

/// <summary>Which of the accepted file-name grammars a script's name follows.</summary>
public enum NamingStyle
{
    /// <summary><c>VV.VV.VV_SS_pre_desc.sql</c> or <c>VV.VV.VV_SS_post_desc.sql</c>: the phase is explicit.</summary>
    Tagged,

    /// <summary><c>VV.VV.VV_SS_desc.sql</c>: serial 01-49 is pre, 50-99 is post.</summary>
    Untagged,

    /// <summary>Pum's legacy <c>delta_X.Y.Z_NNN_desc.sql</c> (or without <c>NNN</c>): always pre.</summary>
    PumDelta,
}
