using IdP.Smpp.Pdus;

namespace IdP.Smpp.Session;

/// <summary>Receives the PDUs a <see cref="SmppConnection"/> reads. Called on the reader loop: must never block.</summary>
internal interface IPduHandler
{
    void OnPdu(SmppConnection connection, Pdu pdu);
}
