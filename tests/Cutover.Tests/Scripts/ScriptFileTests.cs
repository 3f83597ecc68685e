using System.Text;
using Cutover.Scripts;
using FsCheck;
using FsCheck.Fluent;
using Shouldly;

namespace Cutover.Tests.Scripts;

public sealed class ScriptFileTests
{
    private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(1000);

    private static ScriptFile Decode(params byte[] bytes) => ScriptFile.FromUtf8("01.00.00_01_pre_x.sql", "db/x.sql", bytes);

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    [Fact]
    public void FromUtf8_decodes_valid_text_without_a_problem()
    {
        var file = Decode(Bytes("SELECT 'café', '😀';\n"));

        file.Problem.ShouldBeNull();
        file.Content.ShouldBe("SELECT 'café', '😀';\n");
    }

    [Fact]
    public void FromUtf8_skips_a_byte_order_mark() =>
        Decode([0xEF, 0xBB, 0xBF, .. Bytes("SELECT 1;")]).Content.ShouldBe("SELECT 1;");

    [Fact]
    public void FromUtf8_reads_text_as_File_ReadAllText_does()
    {
        // Checksums are computed on the decoded text: a valid file must decode exactly as before, BOM and CRLF kept.
        var path = Path.GetTempFileName();
        try
        {
            byte[] bytes = [0xEF, 0xBB, 0xBF, .. Bytes("-- ünïcode\r\nSELECT '日本';\r\n")];
            File.WriteAllBytes(path, bytes);

            Decode(bytes).Content.ShouldBe(File.ReadAllText(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Invalid_byte_is_located_by_line_and_column()
    {
        // Line 4: 16 characters, then a Latin-1 "é" (0xE9) where UTF-8 needs two bytes.
        var file = Decode([.. Bytes("SELECT 1;\n\n\nCOMMENT ON x IS "), 0xE9, .. Bytes("t';\n")]);

        file.Problem.ShouldNotBeNull().ToString().ShouldStartWith("db/x.sql:4:17: invalid UTF-8 byte 0xE9: scripts must be UTF-8");
    }

    [Fact]
    public void Column_counts_characters_as_editors_do_not_bytes()
    {
        // "é" is two bytes but one column; "😀" is four bytes and, like everywhere else in Cutover, two UTF-16 columns.
        var file = Decode([.. Bytes("é😀"), 0xFF]);

        (file.Problem!.Line, file.Problem.Column).ShouldBe((1, 4));
    }

    [Fact]
    public void Every_invalid_sequence_is_counted_and_the_first_is_named()
    {
        var file = Decode([.. Bytes("a"), 0xC3, .. Bytes("\nb"), 0xC3, 0x28, .. Bytes("\n"), 0xE2, 0x82]);

        file.Problem!.ToString().ShouldStartWith("db/x.sql:1:2: invalid UTF-8 byte 0xC3 (3 invalid sequences in the file)");
    }

    [Fact]
    public void Truncated_sequence_names_all_its_bytes() =>
        Decode([.. Bytes("x "), 0xE2, 0x82]).Problem!.Message.ShouldStartWith("invalid UTF-8 bytes 0xE2 0x82:");

    [Theory]
    [InlineData(new byte[] { 0xC0, 0x80 })] // overlong NUL ("modified UTF-8")
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 })] // an encoded surrogate (CESU-8)
    [InlineData(new byte[] { 0xF4, 0x90, 0x80, 0x80 })] // past U+10FFFF
    [InlineData(new byte[] { 0x80 })] // a lone continuation byte
    public void Sequences_PostgreSQL_rejects_are_invalid(byte[] bytes) =>
        Decode(bytes).Problem.ShouldNotBeNull().Message.ShouldStartWith("invalid UTF-8");

    [Fact]
    public void Invalid_bytes_become_replacement_characters_so_other_checks_still_run() =>
        Decode([.. Bytes("SELECT '"), 0xE9, .. Bytes("';")]).Content.ShouldBe("SELECT '\uFFFD';");

    [Theory]
    [InlineData(new byte[] { 0xFF, 0xFE, (byte)'S', 0 }, "0xFF 0xFE")]
    [InlineData(new byte[] { 0xFE, 0xFF, 0, (byte)'S' }, "0xFE 0xFF")]
    public void Utf16_file_is_named_as_such(byte[] bytes, string mark)
    {
        var file = Decode(bytes);

        file.Problem!.ToString().ShouldBe($"db/x.sql:1:1: UTF-16 text (byte order mark {mark}): scripts must be UTF-8; save the file as UTF-8");
        file.Content.ShouldBeEmpty();
    }

    [Fact]
    public void Any_bytes_are_refused_exactly_when_a_strict_decoder_refuses_them() =>
        Prop.ForAll(Gen.ArrayOf(Gen.Elements<byte>(0x00, 0x0A, 0x41, 0x7F, 0x80, 0xBF, 0xC2, 0xC3, 0xE2, 0xED, 0xF0, 0xF4, 0xFF))
                .ToArbitrary(),
            bytes =>
            {
                var file = Decode(bytes);
                bool strictlyValid;
                try
                {
                    _ = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
                    strictlyValid = !(bytes is [0xFF, 0xFE, ..] or [0xFE, 0xFF, ..]);
                }
                catch (DecoderFallbackException)
                {
                    strictlyValid = false;
                }

                return (file.Problem is null) == strictlyValid;
            }).Check(Runs);

    [Fact]
    public void Any_text_round_trips_through_its_UTF8_bytes() =>
        Prop.ForAll(ArbMap.Default.ArbFor<string>().Filter(s => s is not null && !s.StartsWith('\uFEFF')), text =>
        {
            var valid = Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(text)); // lone surrogates become U+FFFD
            var file = Decode(Encoding.UTF8.GetBytes(valid));
            return file.Problem is null && file.Content == valid;
        }).Check(Runs);
}
