"""Office 365 / Exchange Online and Exchange 2007+ text NDRs.

Exchange 2007 and later normally attach an RFC 3464 report (dsn.py). The text
form, and the text of reports whose status block lacks the remote reply,
reads "Delivery has failed to these recipients or groups:" with the
"Diagnostic information for administrators:" section naming each
recipient again followed by "Remote Server returned '550 5.1.1 ...'".
Samples: corpus lhost-office365-*.eml, lhost-exchange2007-*.eml.
"""

from __future__ import annotations

import re

from bounced.parse import addresses, notice
from bounced.parse.message import MessageView
from bounced.report import Finding

_START = notice.Headings(
    r"delivery has failed to these recipients or groups:",
    r"your message to .{1,200} couldn't be delivered",
    r"die zustellung an folgende empfänger oder gruppen ist fehlgeschlagen",
    r"la remise à ces destinataires ou groupes a échoué",
    r"error en la entrega a estos destinatarios o grupos",
    r"bezorging is mislukt voor deze ontvangers of groepen",
    r"falha na entrega para estes destinatários ou grupos",
    r"recapito non riuscito a questi destinatari o gruppi",
)
_ADMIN = re.compile(
    r"Diagnostic information for administrators:|"
    r"Diagnoseinformationen für Administratoren:|"
    r"Informations de diagnostic pour les administrateurs|"
    r"Información de diagnóstico para administradores|"
    r"Diagnostische gegevens voor beheerders|"
    r"Informações de diagnóstico para administradores|"
    r"Informazioni di diagnostica per gli amministratori",
    re.I,
)
_END = re.compile(
    r"^(?:Original message headers|Ursprüngliche Nachrichtenkopfzeilen|"
    r"En-têtes de message d'origine|Encabezados del mensaje original|"
    r"Oorspronkelijke berichtkoppen|Intestazioni originali del messaggio):",
    re.M,
)
# "Remote Server returned '550 5.1.1 ...'" and its translations (German
# "Remoteserver hat '...' zurückgegeben", French "Le serveur distant a
# renvoyé '...'", Spanish "El servidor remoto devolvió '...'").
_REMOTE = re.compile(
    r"^([^\s<>@]{1,128}@[^\s<>]{1,255})\s*\n(?:.*\n){0,3}?.*?(?:Remote Server returned|"
    r"Remoteserver hat|Le serveur distant a renvoyé|El servidor remoto devolvió|"
    r"Externe server retourneerde|O servidor remoto retornou|"
    r"Il server remoto ha restituito) '([^']*)'",
    re.M,
)
# Exchange 2010-2019 on-premises put the reply under the address as
# "#550 5.1.1 RESOLVER.ADR.RecipNotFound; not found ##" (as exchange2007.py
# reads it) when the refusal was their own, in every language.
_HASHED = re.compile(
    r"^([^\s<>@]{1,128}@[^\s<>]{1,255})\s*\n(?:.*\n){0,3}?\s*#([245]\d\d[ -][^\n]*)",
    re.M,
)
_HEADING = re.compile(r"Your message to (\S{1,255}@\S{1,255}) couldn't be delivered")
_GENERATING = re.compile(
    r"(?:Generating server|Generierender Server|Serveur de génération|"
    r"Servidor de generación|Genererende server|Server di generazione)\s*:\s*(\S+)"
)


def detect(msg: MessageView) -> list[Finding]:
    """Findings from the administrators' section, else from the list of recipients."""
    start = _START.span(msg.text, 6000)  # the heading opens the notice
    if start is None:
        return []
    text = notice.cut(msg.text[start[0] :], None, _END)
    admin = _ADMIN.search(text)
    generating = _GENERATING.search(text)
    reporting = generating[1] if generating else None
    if admin is not None:
        section = text[admin.end() :]
        found = [
            notice.finding(m[1], m[2], reporting_mta=reporting)
            for m in _REMOTE.finditer(section)
        ] or [
            notice.finding(m[1], m[2].strip("# "), reporting_mta=reporting)
            for m in _HASHED.finditer(section)
        ]
        if found:
            return notice.unique(found)
    listing = text[: admin.start()] if admin else text
    heading = _HEADING.match(msg.text[start[0] : start[1]])
    if heading is not None:
        # The 2016+ layout names the one recipient in its heading; the prose
        # below it quotes other addresses (rhost-microsoft-03.eml).
        return [notice.finding(heading[1], listing, reporting_mta=reporting)]
    return notice.unique(
        [
            notice.finding(address, listing, reporting_mta=reporting)
            for address in addresses.find_all(listing)
        ]
    )
