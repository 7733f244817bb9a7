using BenchmarkDotNet.Attributes;
using IdP.Smpp.Pdus;
using IdP.Smpp.Receipts;
using IdP.Smpp.Text;

namespace IdP.Smpp.Bench;

/// <summary>
/// Codec hot paths. Target (issue 3): encode + decode of a submit_sm into a reused buffer allocates nothing beyond
/// the message buffers.
/// </summary>
[MemoryDiagnoser]
public class CodecBenchmarks
{
    // The submit_sm node-smpp decoded as "Code 123 € @" (SMPP.md).
    private const string NodeSubmitSm =
        "000000560000000400000000000000050005004d794964500001013439313531313233343536373800000000003030303030303030303530303030305200010000000d436f646520313233201b652000020400021092";

    private const string ReceiptText =
        "id:0a1b2c3d4e5f60718293a4b5c6d7e8f9 sub:001 dlvrd:001 submit date:2511230930 done date:2511230931 stat:DELIVRD err:000 text:Your code is 1234";

    private readonly byte[] _buffer = new byte[1024];
    private readonly byte[] _septets = new byte[512];
    private readonly byte[] _frame = Convert.FromHexString(NodeSubmitSm);
    private readonly string _otp = "Your IdP code is 123456. It expires in 5 minutes.\n@idp.example.com #123456";
    private readonly byte[] _receiptBytes = System.Text.Encoding.ASCII.GetBytes(ReceiptText);
    private SubmitSm _submit = null!;

    [GlobalSetup]
    public void Setup() => _submit = (SubmitSm)PduCodec.Decode(_frame);

    [Benchmark(Description = "submit_sm encode + zero-copy decode (reused buffer)")]
    public int SubmitSmEncodeDecodeView()
    {
        int length = PduCodec.Encode(_submit, _buffer);
        var view = ShortMessagePduView.Parse(_buffer.AsSpan(0, length));
        return view.ShortMessage.Length + view.DestinationAddr.Length;
    }

    [Benchmark(Description = "submit_sm encode only (reused buffer)")]
    public int SubmitSmEncode() => PduCodec.Encode(_submit, _buffer);

    [Benchmark(Description = "submit_sm decode to objects (strings, arrays)")]
    public Pdu SubmitSmDecodeObject() => PduCodec.Decode(_frame);

    [Benchmark(Description = "GSM-7 encode of an OTP text into a span")]
    public int Gsm7Encode() => Gsm7.EncodeUnpacked(_otp, _septets);

    [Benchmark(Description = "SmsText.Analyze of an OTP text")]
    public int Analyze() => SmsText.Analyze(_otp).Segments;

    [Benchmark(Description = "receipt text parse")]
    public MessageState ReceiptParse() => ReceiptTextParser.Parse(_receiptBytes).State;
}
