using System.ComponentModel.DataAnnotations;

namespace Kiosk.Terminal.Ui;

/// <summary>
/// Section "Speech": the kiosk reads its screens aloud ("Vorlesen") through the browser's speech synthesis, with the
/// voices installed on the kiosk PC (it needs no network). A visitor turns it on with the "Vorlesen" button or Enter twice.
/// </summary>
public sealed class SpeechOptions
{
    public const string Section = "Speech";

    /// <summary>
    /// Name of an installed voice to use, e.g. "Microsoft Katja - German (Germany)"; unset or not installed: a local voice
    /// of the visitor's language.
    /// </summary>
    [MaxLength(200)]
    public string? Voice { get; set; }

    /// <summary>Speaking rate, 1 = the voice's normal speed.</summary>
    [Range(0.5, 2.0)]
    public double Rate { get; set; } = 1.0;

    /// <summary>Read aloud for every visitor from the start (a kiosk set aside for blind visitors).</summary>
    public bool On { get; set; }
}

/// <summary>Section "Display": aids that are on for every visitor at this kiosk (each visitor may still switch them).</summary>
public sealed class DisplayOptions
{
    public const string Section = "Display";

    /// <summary>All controls in the lower part of the screen ("Bedienung unten"): a lowered kiosk for wheelchair users.</summary>
    public bool ControlsLow { get; set; }

    /// <summary>Everything a quarter larger.</summary>
    public bool LargeText { get; set; }

    /// <summary>White and yellow on black, contrast at least 7:1.</summary>
    public bool HighContrast { get; set; }
}

/// <summary>The voice settings the kiosk page speaks with.</summary>
public sealed record SpeechView(string? Voice, double Rate);

/// <summary>Which aids a new visitor finds switched on.</summary>
public sealed record AidsView(bool Speech, bool Reach, bool Text, bool Contrast)
{
    public static AidsView From(SpeechOptions speech, DisplayOptions display) =>
        new(speech.On, display.ControlsLow, display.LargeText, display.HighContrast);
}
