"""Payment messages for the security tests, written from the real formats (ISO 20022 pacs.008.001.08
with a head.001.001.02 header, as in tests/data/payments/pacs008_unstructured.xml; SWIFT MT103)."""

from __future__ import annotations

import hashlib

ISO = "urn:iso:std:iso:20022:tech:xsd:"


def pacs008(
    ref: str,
    creditor: str = "MARIA JANSEN",
    *,
    namespace: str = f"{ISO}pacs.008.001.08",
    creditor_extra: str = "",
    creditor_tail: str = "",
    doctype: str = "",
    entity_name: bool = False,
) -> bytes:
    """One pacs.008 credit transfer; `creditor_extra` is inserted in `Cdtr` after its name,
    `creditor_tail` after its address.

    Each reference gets its own creditor account, so that messages of one test are not near
    duplicates of each other (a control that would hold them for another reason)."""
    name = "&x;" if entity_name else creditor
    account = _account(ref)
    return f"""<?xml version="1.0" encoding="UTF-8"?>
{doctype}<Envelope xmlns="urn:swift:xsd:envelope">
  <AppHdr xmlns="{ISO}head.001.001.02">
    <Fr><FIId><FinInstnId><BICFI>DEUTDEFF</BICFI></FinInstnId></FIId></Fr>
    <To><FIId><FinInstnId><BICFI>INGBNL2A</BICFI></FinInstnId></FIId></To>
    <BizMsgIdr>{ref}</BizMsgIdr>
    <MsgDefIdr>pacs.008.001.08</MsgDefIdr>
    <BizSvc>swift.cbprplus.02</BizSvc>
    <CreDt>2026-11-24T09:12:00+01:00</CreDt>
  </AppHdr>
  <Document xmlns="{namespace}">
    <FIToFICstmrCdtTrf>
      <GrpHdr>
        <MsgId>{ref}</MsgId>
        <CreDtTm>2026-11-24T09:12:00+01:00</CreDtTm>
        <NbOfTxs>1</NbOfTxs>
        <SttlmInf><SttlmMtd>INDA</SttlmMtd></SttlmInf>
      </GrpHdr>
      <CdtTrfTxInf>
        <PmtId><InstrId>{ref}</InstrId><EndToEndId>E2E-{ref}</EndToEndId></PmtId>
        <IntrBkSttlmAmt Ccy="EUR">1500.00</IntrBkSttlmAmt>
        <IntrBkSttlmDt>2026-11-24</IntrBkSttlmDt>
        <ChrgBr>SHAR</ChrgBr>
        <InstgAgt><FinInstnId><BICFI>DEUTDEFF</BICFI></FinInstnId></InstgAgt>
        <InstdAgt><FinInstnId><BICFI>INGBNL2A</BICFI></FinInstnId></InstdAgt>
        <Dbtr>
          <Nm>HANS MUELLER</Nm>
          <PstlAdr><StrtNm>HAUPTSTRASSE</StrtNm><TwnNm>FRANKFURT</TwnNm><Ctry>DE</Ctry></PstlAdr>
        </Dbtr>
        <DbtrAcct><Id><IBAN>DE89370400440532013000</IBAN></Id></DbtrAcct>
        <DbtrAgt><FinInstnId><BICFI>DEUTDEFF</BICFI></FinInstnId></DbtrAgt>
        <CdtrAgt><FinInstnId><BICFI>INGBNL2A</BICFI></FinInstnId></CdtrAgt>
        <Cdtr>
          <Nm>{name}</Nm>{creditor_extra}
          <PstlAdr><TwnNm>AMSTERDAM</TwnNm><Ctry>NL</Ctry></PstlAdr>{creditor_tail}
        </Cdtr>
        <CdtrAcct><Id><Othr><Id>{account}</Id></Othr></Id></CdtrAcct>
        <RmtInf><Ustrd>INVOICE {ref}</Ustrd></RmtInf>
      </CdtTrfTxInf>
    </FIToFICstmrCdtTrf>
  </Document>
</Envelope>
""".encode()


_AMOUNT = b'<IntrBkSttlmAmt Ccy="EUR">1500.00</IntrBkSttlmAmt>'
_DATE = b"<IntrBkSttlmDt>2026-11-24</IntrBkSttlmDt>"


def out_of_order(data: bytes) -> bytes:
    """The message with IntrBkSttlmDt before IntrBkSttlmAmt: mappable, but not valid by the XSD."""
    return data.replace(_AMOUNT, b"@@").replace(_DATE, _AMOUNT).replace(b"@@", _DATE)


def mt103(ref: str, beneficiary: str = "MARIA JANSEN", trailer: str = "{5:{CHK:123456789ABC}}") -> bytes:
    """One MT103 (input, CRLF lines as FIN sends them) with the given block 5 trailer."""
    lines = [
        f":20:{ref}",
        ":23B:CRED",
        ":32A:261124EUR1500,",
        ":50K:/DE89370400440532013000",
        "HANS MUELLER",
        "FRANKFURT",
        f":59:/{_account(ref)}",
        beneficiary,
        "AMSTERDAM",
        ":71A:SHA",
    ]
    block4 = "\r\n".join(lines)
    head = "{1:F01DEUTDEFFAXXX0000000000}{2:I103INGBNL2AXXXXN}"
    return f"{head}{{4:\r\n{block4}\r\n-}}{trailer}".encode()


def _account(ref: str) -> str:
    return str(int(hashlib.sha256(ref.encode()).hexdigest()[:12], 16))[:12]
