"""Why a message bounced and what the sender should do about it, in plain words.

`ADVICE` holds, for every reason in the taxonomy, a one-line title, a paragraph
that explains it and the remedy for the newsletter operator. `explain()` turns what
a person types after `bounced explain` (a reason name, an SMTP reply code such as
550, an RFC 3463 status such as 5.2.2 or x.2.2) into the text to print. Pure: no
I/O, so the API can serve the same text.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass

from bounced.classify import codes
from bounced.reasons import HARD_REASONS, SENDER_BLAME_REASONS, Reason

_REPLY = re.compile(r"^[2-5]\d\d$")
_STATUS = re.compile(r"^([245xX])\.(\d{1,3})\.(\d{1,3})$")
_WIDTH = 76  # terminal text; the reason block is indented by two more


@dataclass(frozen=True, slots=True)
class Advice:
    """What a reason means and what to do about it."""

    title: str
    explanation: str
    remedy: str


ADVICE: dict[Reason, Advice] = {
    Reason.USERUNKNOWN: Advice(
        "the mailbox does not exist",
        "The receiving server says there is no such mailbox: the address was "
        "mistyped, the person left, or the account was deleted. Sending again will "
        "not change that.",
        "Suppress the address now. If it came from a signup form, confirmed opt-in "
        "or address validation keeps typos off the list.",
    ),
    Reason.HOSTUNKNOWN: Advice(
        "the domain does not exist",
        "The part after the @ does not exist in DNS or has no mail server: a typo "
        "(gmial.com), or a domain that has expired.",
        "Suppress the address and look for domain typos in your signup form. If "
        "many addresses at one big domain fail at once, check your own DNS "
        "resolver before suppressing them.",
    ),
    Reason.HASMOVED: Advice(
        "the mailbox has moved, no forwarding address",
        "The mailbox has moved and the server gives no forwarding address (RFC "
        "3463 x.1.6, reply 551).",
        "Suppress the address. If the bounce names a new address, invite the person "
        "to subscribe with it; do not switch addresses on their behalf.",
    ),
    Reason.NOTACCEPT: Advice(
        "the destination accepts no mail",
        "The domain publishes a null MX (RFC 7505) or its server says it takes no "
        "mail at all (RFC 7504 521/556, x.3.2).",
        "With a permanent code, suppress the address: the domain has declared it "
        "receives no mail. With a temporary code, retry later; it may pass.",
    ),
    Reason.MAILBOXFULL: Advice(
        "the recipient's mailbox is full",
        "The mailbox is over its storage quota. Often temporary, but a mailbox that "
        "stays full for weeks has usually been abandoned.",
        "Retry later. Suppress only when it keeps bouncing as full over several "
        "sends (the soft-bounce threshold).",
    ),
    Reason.SUSPEND: Advice(
        "the account is disabled or suspended",
        "The mailbox exists but is disabled, suspended, locked or closed: unpaid, "
        "inactive for too long, or closed by its owner.",
        "Stop sending to it for now and suppress it if it keeps bouncing; a "
        "disabled account rarely comes back.",
    ),
    Reason.MESGTOOBIG: Advice(
        "the message is too big",
        "The message is larger than the receiving system accepts (x.3.4, 552).",
        "Make the message smaller: link to large images and files instead of "
        "attaching them, then resend. Do not suppress the recipient.",
    ),
    Reason.EXCEEDLIMIT: Advice(
        "the message exceeds the mailbox's limit",
        "The message exceeds a limit set for this mailbox (x.2.3), usually a size "
        "limit lower than the system's.",
        "Reduce the message size (links instead of attachments) and resend. Do not "
        "suppress the recipient.",
    ),
    Reason.FILTERED: Advice(
        "the recipient's filter refused the message",
        "The address was accepted but a filter refused this message: the "
        "recipient's own settings (blocked senders, domain allow-lists as Japanese "
        "mobile carriers use) or a rule on their server. Some servers word this as "
        '"user unknown" after the message was sent.',
        "Do not treat the address as dead on the first bounce. Check content and "
        "sender address; ask subscribers on mobile carriers to allow your sending "
        "domain; suppress the address if it keeps happening.",
    ),
    Reason.REJECTED: Advice(
        "your sender address was refused",
        "The receiving server refused the sender, not the recipient: the envelope "
        "sender (Return-Path) address or its domain does not resolve, failed sender "
        "verification, or is not allowed to post (a members-only list).",
        "Make sure the Return-Path domain exists, has MX or A records and accepts "
        "mail; for lists, subscribe the sending address. The recipient is not at "
        "fault: do not suppress them for this.",
    ),
    Reason.BLOCKED: Advice(
        "your sending server or IP address was refused",
        "Your IP address or server was refused: it is on a DNS blocklist (Spamhaus, "
        "SORBS, ...), the connection or HELO was rejected, or the server is "
        "greylisting you.",
        "Look your sending IP up on the blocklist the bounce names and follow its "
        "delisting steps; check your HELO name and reverse DNS; slow down to that "
        "domain. The recipient is not at fault: do not suppress on one bounce.",
    ),
    Reason.REQUIREPTR: Advice(
        "your IP address has no valid reverse DNS",
        "The receiving server demands a PTR record for your sending IP that points "
        "to a name resolving back to the same IP (x.7.25), and found none.",
        "Ask whoever runs your sending IP (ISP, host) to set a PTR record to a "
        "hostname that resolves back to that IP, and use that name in HELO.",
    ),
    Reason.BADREPUTATION: Advice(
        "your IP address or domain has a poor reputation",
        "The provider distrusts mail from your IP or domain because of its history: "
        "complaints, spam-trap hits, sudden volume.",
        "Slow down, send only to engaged and confirmed subscribers, drop inactive "
        "addresses, and read the provider's postmaster tools (Google Postmaster "
        "Tools, Yahoo Sender Hub, Microsoft SNDS).",
    ),
    Reason.AUTHFAILURE: Advice(
        "SPF, DKIM or DMARC failed",
        "The message failed sender authentication: SPF, DKIM or DMARC did not pass "
        "for your From domain (x.7.20-x.7.26).",
        "Publish SPF covering your sending servers, sign with DKIM aligned with the "
        "From domain, and check the DMARC policy; verify with a mailbox that shows "
        "Authentication-Results.",
    ),
    Reason.NOTCOMPLIANTRFC: Advice(
        "the message breaks the message format (RFC 5322)",
        "The message breaks RFC 5322: duplicate or missing headers, several "
        "addresses in From:, bare line feeds.",
        "Fix the template or the software that builds the message (one From, one "
        "Subject, a Message-ID and Date, CRLF line ends), then resend.",
    ),
    Reason.CONTENTERROR: Advice(
        "the message content could not be handled",
        "The receiving server could not handle the content or its encoding: 8-bit "
        "data in headers, broken MIME (x.6.x).",
        "Encode headers per RFC 2047 and use well-formed MIME with proper transfer "
        "encodings; check the template with a validator.",
    ),
    Reason.SPAMDETECTED: Advice(
        "the message was judged to be spam",
        "A content filter judged the message to be spam.",
        "Review content and links (URL blocklists), authentication and list "
        "hygiene; score a test message with a filter such as SpamAssassin. Do not "
        "suppress the recipient for one occurrence.",
    ),
    Reason.VIRUSDETECTED: Advice(
        "a virus was found in the message",
        "A virus scanner found, or believed it found, malware in the message or an "
        "attachment.",
        "Check the attachments and the system producing them; avoid executable or "
        "macro attachments and send links instead.",
    ),
    Reason.POLICYVIOLATION: Advice(
        "the message violates the receiver's policy",
        "The message broke the receiving site's policy: a forbidden attachment "
        "type, a content rule, or a provider policy such as Yahoo's 554 5.7.9.",
        "Read the policy page the bounce links to and adjust the message; ask the "
        "receiving postmaster if the rule is unclear.",
    ),
    Reason.SECURITYERROR: Advice(
        "a security requirement was not met",
        "A security requirement was not met: authentication required, access "
        "denied, or a generic security refusal (x.7.x).",
        "Check that you send through the right server with the right credentials, "
        "and read the text for the specific requirement.",
    ),
    Reason.FAILEDSTARTTLS: Advice(
        "an encrypted connection was required and failed",
        "The receiving server requires TLS (STARTTLS, REQUIRETLS), and an "
        "encrypted connection could not be made.",
        "Enable STARTTLS on your sending MTA with a current TLS version and a valid "
        "certificate chain.",
    ),
    Reason.NORELAYING: Advice(
        "the server refused to relay",
        "The server is not the destination for the recipient's domain and will not "
        "forward for you, or your relay (such as Amazon SES) will not send for an "
        "unverified identity.",
        "Check the recipient domain's MX records and your outbound relay's "
        "configuration and credentials; verify your sending identity with your ESP.",
    ),
    Reason.SPEEDING: Advice(
        "you are sending too fast",
        "You sent too much, too fast, to this recipient or provider: a rate limit.",
        "Send to that domain in smaller batches with longer gaps; the retries will "
        "get through.",
    ),
    Reason.TOOMANYCONN: Advice(
        "too many connections or recipients at once",
        "Too many simultaneous connections, or too many recipients in one transaction.",
        "Limit concurrent connections and recipients per message to that domain; "
        "retry later.",
    ),
    Reason.NETWORKERROR: Advice(
        "a network or DNS problem",
        "A temporary DNS failure, a routing loop (too many hops) or a lost connection.",
        "Retry later. If it persists for one domain, check its DNS and your own "
        "resolver; for mail loops, check forwarding rules.",
    ),
    Reason.EXPIRED: Advice(
        "delivery was retried until it timed out",
        "The sending server retried until its queue lifetime ran out: the "
        "destination kept timing out, refusing connections or deferring (x.4.7).",
        "Try again in a later send; if the same domain keeps expiring it is "
        "probably dead, so suppress after repeated failures.",
    ),
    Reason.SYSTEMERROR: Advice(
        "the receiving system had an error",
        "The receiving system had an internal or configuration error (x.3.x).",
        "Nothing to change on your side: retry later, and suppress only if it "
        "persists over many sends.",
    ),
    Reason.SYSTEMFULL: Advice(
        "the receiving system is out of storage",
        "The receiving system's disk is full, not only the mailbox (x.3.1, 452).",
        "Retry later.",
    ),
    Reason.MAILERERROR: Advice(
        "a delivery program on the receiving side failed",
        "A local delivery program on the receiving side (a pipe, procmail, a "
        "script) failed.",
        "Nothing to fix on your side: retry later, suppress if it persists.",
    ),
    Reason.SYNTAXERROR: Advice(
        "an SMTP protocol error",
        "The server did not understand a command or parameter (500-504, x.5.x).",
        "Check your MTA's SMTP extensions and parameters; if a relay sends for you, "
        "check its version and configuration.",
    ),
    Reason.SUPPRESSED: Advice(
        "your sending service suppressed the address",
        "Your email service refused to send because the address is on its "
        "suppression list: it bounced or complained before.",
        "Suppress it in your list as well; take it off the service's list only "
        "with evidence that the address works again.",
    ),
    Reason.ONHOLD: Advice(
        "the reason could not be determined yet",
        "The bounce gave a reason this classifier does not recognise and no "
        "permanent code; it may be temporary.",
        "Read the diagnostic text. Retry, and count repeats as soft bounces.",
    ),
    Reason.UNDEFINED: Advice(
        "refused without a readable reason",
        "The server refused the message for good (a 5xx code) without words that "
        "name a reason, or the bounce carried neither code nor text at all.",
        "A bare 550 or 554 usually means the address is not wanted there: by "
        "default it is suppressed. Without any code it counts as a soft bounce; "
        "look at the raw message if it repeats.",
    ),
    Reason.DELIVERED: Advice(
        "not a failure: the message was delivered",
        "The report says the message was delivered (a success DSN), or relayed to "
        "a system that sends no reports.",
        "Nothing to do.",
    ),
    Reason.FEEDBACK: Advice(
        "a spam complaint",
        "The recipient marked your message as spam, and their provider sent an ARF "
        "feedback report (RFC 5965).",
        "Suppress the address at once and never mail it again without new consent. "
        "Keep the complaint rate under 0.1 %.",
    ),
    Reason.VACATION: Advice(
        "an automatic reply, not a bounce",
        "An out-of-office or other automatic reply (RFC 3834): the message was "
        "delivered.",
        "Nothing to do: do not count it as a bounce and do not answer it.",
    ),
}


def explain(text: str) -> str | None:
    """What to print for a reason name, reply code or status code; None if unknown."""
    word = text.strip()
    try:
        reason = Reason(word.lower())
    except ValueError:
        pass
    else:
        return _reason_text(reason)
    if _REPLY.match(word):
        return _reply_text(int(word))
    match = _STATUS.match(word)
    if match:
        return _status_text(match[1].lower(), str(int(match[2])), str(int(match[3])))
    return None


def _reason_text(reason: Reason) -> str:
    advice = ADVICE[reason]
    notes = []
    if reason in HARD_REASONS:
        notes.append(
            "With a permanent (5xx) code this is a hard bounce: the address itself "
            "is bad."
        )
    if reason in SENDER_BLAME_REASONS:
        notes.append(
            "This blames the sending side (your IP, domain, authentication or "
            "content), not the subscriber's address."
        )
    paragraphs = [advice.explanation, f"What to do: {advice.remedy}", *notes]
    lines = [f"{reason.value}: {advice.title}"]
    for paragraph in paragraphs:
        lines += ["", textwrap.fill(paragraph, _WIDTH)]
    return "\n".join(lines)


def _reply_text(reply: int) -> str:
    meaning = codes.REPLY_MEANINGS.get(reply)
    title = f"{meaning} (RFC 5321)" if meaning else "not a reply code RFC 5321 defines"
    lines = [f"{reply}: {title}", "", _class_line(str(reply)[0])]
    suspects = codes.REPLY_SUSPECTS.get(reply)
    if suspects is None and (named := codes.REPLY_REASONS.get(reply)) is not None:
        suspects = (named,)
    if suspects:
        lines += ["", "Usually means: " + ", ".join(r.value for r in suspects) + "."]
        lines += ["The text after the code tells which; most likely:", ""]
        lines.append(_indented(_reason_text(suspects[0])))
    return "\n".join(lines)


def _status_text(klass: str, subject: str, detail: str) -> str:
    code = f"{klass}.{subject}.{detail}"
    key = f"{subject}.{detail}"
    title = codes.DETAIL_MEANINGS.get(key, "not in the IANA registry (vendor-specific)")
    lines = [f"{code}: {title} (RFC 3463)", ""]
    if klass != "x":
        lines.append(_class_line(klass))
    subject_meaning = codes.SUBJECT_MEANINGS.get(subject, "not a defined subject")
    lines.append(f"Subject {subject}: {subject_meaning}.")
    reason = None
    if not codes.is_generic(subject, detail):
        reason = codes.STATUS_REASONS.get(key)
    if reason is None:
        reason = codes.SUBJECT_FALLBACKS.get(subject)
        generic = "A generic code: the text after it usually says more"
        if reason is None:
            lines += ["", f"{generic}; no reason follows from the code alone."]
            return "\n".join(lines)
        lines += ["", f"{generic}; by its subject, likely:", ""]
    else:
        lines += ["", "Likely reason:", ""]
    lines.append(_indented(_reason_text(reason)))
    return "\n".join(lines)


def _class_line(klass: str) -> str:
    return f"Class {klass}: {codes.CLASS_MEANINGS.get(klass, 'not a defined class.')}"


def _indented(text: str) -> str:
    return "\n".join(f"  {line}" if line else "" for line in text.splitlines())
