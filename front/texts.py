"""The page's texts: one table per language (Swedish and English).

Every text the page shows comes from here: labels, table headers, register kinds, the sources panel,
error messages. The words an answer is framed in ("Enligt …") are answer text and live with the
answers (assistant/answers.py). Each table has the same keys (tests/test_texts.py checks it).
"""

from __future__ import annotations

from assistant.errors import Busy, IndexMissing, InvalidQuestion, user_message
from front.limits import RateLimited
from index.backends import StoreUnavailable

LANGUAGES = {"sv": "Svenska", "en": "English"}
DEFAULT_LANGUAGE = "sv"

SV = {
    "title": "# Plansvar – frågor om regionens planer\n"
    "Ställ en fråga om Region Örebro läns planer. Svaret citerar planerna och källorna visas direkt efter svaret.",
    "language": "Språk",
    # the chat tab
    "chat": "Fråga",
    "question": "Din fråga",
    "placeholder": "T.ex. Vem ansvarar för uppföljningen av färdplanen?",
    "submit": "Skicka",
    "new": "Ny konversation",
    "examples": "Exempel på frågor",
    "comment": "Kommentar till ditt omdöme (valfritt)",
    "send": "Skicka kommentar",
    "thanks": "Tack! Kommentaren är sparad.",
    "vote_first": "Ge först tummen upp eller ner på ett svar.",
    "voted_up": "Ditt omdöme (tumme upp) är sparat. Lägg gärna till en kommentar.",
    "voted_down": "Ditt omdöme (tumme ner) är sparat. Lägg gärna till en kommentar.",
    "vote_removed": "Ditt omdöme är borttaget.",
    "export": "Spara konversationen",
    "export_files": "Konversationen (Markdown, JSON)",
    "export_name": "plansvar-samtal",
    "read_with": "Läst tillsammans med din förra fråga: ”{previous}”",
    # the sources panel and the document view
    "sources": "Källor",
    "no_sources": "Inga källor för det här svaret.",
    "page": "s.",
    "superseded": "Ersatt av",
    "related": "Möjligen relaterat",
    "open": "Visa i dokumentet",
    "document": "Dokument",
    "unverified": "ej verifierad",
    "unverified_title": "Ingen av de källor meningen hänvisar till stöder den.",
    "uncited": "ingen källa",
    "uncited_title": "Meningen hänvisar inte till någon källa.",
    # the register tab
    "owners": "Ansvar",
    "filter": "Sök ägare eller uppgift",
    "owner_hint": "Välj en rad för att se texten den bygger på.",
    "owner_columns": ["Ägare", "Uppgift", "Typ", "Nr", "Dokument", "År"],
    "owner_count": "{n} rader",
    "kinds": {
        "assigned": "uppdrag",
        "responsible": "ansvar",
        "decided": "beslut",
        "follows_up": "uppföljning",
        "other": "övrigt",
    },
    # the documents tab
    "documents": "Dokument",
    "document_columns": ["Titel", "Typ", "Period/datum", "Sidor", "Avsnitt", "Ersatt av"],
    # the upload tab
    "upload": "Lägg till dokument",
    "upload_files": "Filer (PDF, TXT, MD, DOCX)",
    "token": "Administratörsnyckel",
    "replace": "Ersätt ett indexerat dokument med samma namn",
    "upload_button": "Ladda upp och indexera",
    "upload_columns": ["Fil", "Resultat", "Meddelande", "Avsnitt"],
    # errors, by reason
    "errors": {
        "empty": "Frågan är tom. Skriv en fråga om planerna.",
        "no_words": "Frågan innehåller inga ord. Skriv en fråga om planerna.",
        "too_long": "Frågan är för lång ({length} tecken, högst {limit}). Korta den och försök igen.",
        "control": "Frågan innehåller styrtecken. Skriv den som vanlig text.",
        "not_text": "Frågan måste vara text.",
        "no_index": "Inga planer är indexerade ännu: kör `plansvar ingest`.",
        "busy": "Tjänsten är upptagen just nu. Försök igen om en stund.",
        "store": "Dokumentlagret svarar inte just nu. Försök igen om en stund.",
        "rate_limited": "För många förfrågningar från din adress (högst {per_minute} i minuten). Vänta {seconds} s.",
    },
}

EN = {
    "title": "# Plansvar – questions about the regional plans\n"
    "Ask about Region Örebro län's plans. The answer quotes the plans and the sources follow right after it.",
    "language": "Language",
    "chat": "Ask",
    "question": "Your question",
    "placeholder": "E.g. Who owns the SIP assignment?",
    "submit": "Send",
    "new": "New conversation",
    "examples": "Example questions",
    "comment": "A comment on your rating (optional)",
    "send": "Send comment",
    "thanks": "Thank you! The comment is saved.",
    "vote_first": "First give an answer a thumbs up or down.",
    "voted_up": "Your rating (thumbs up) is saved. You may add a comment.",
    "voted_down": "Your rating (thumbs down) is saved. You may add a comment.",
    "vote_removed": "Your rating is removed.",
    "export": "Save the conversation",
    "export_files": "The conversation (Markdown, JSON)",
    "export_name": "plansvar-conversation",
    "read_with": "Read together with your previous question: “{previous}”",
    "sources": "Sources",
    "no_sources": "No sources for this answer.",
    "page": "p.",
    "superseded": "Replaced by",
    "related": "Possibly related",
    "open": "Show in the document",
    "document": "Document",
    "unverified": "unverified",
    "unverified_title": "None of the sources this sentence cites supports it.",
    "uncited": "no source",
    "uncited_title": "This sentence cites no source.",
    "owners": "Responsibilities",
    "filter": "Search owner or task",
    "owner_hint": "Select a row to see the text it rests on.",
    "owner_columns": ["Owner", "Task", "Kind", "No.", "Document", "Year"],
    "owner_count": "{n} rows",
    "kinds": {
        "assigned": "assigned",
        "responsible": "responsible",
        "decided": "decided",
        "follows_up": "follows up",
        "other": "other",
    },
    "documents": "Documents",
    "document_columns": ["Title", "Kind", "Period/date", "Pages", "Passages", "Superseded by"],
    "upload": "Add documents",
    "upload_files": "Files (PDF, TXT, MD, DOCX)",
    "token": "Admin token",
    "replace": "Replace an indexed document of the same name",
    "upload_button": "Upload and index",
    "upload_columns": ["File", "Result", "Message", "Passages"],
    "errors": {
        "empty": "The question is empty. Please type a question about the plans.",
        "no_words": "The question has no words. Please type a question about the plans.",
        "too_long": "The question is too long ({length} characters, at most {limit}). Please shorten it.",
        "control": "The question contains control characters. Please type it as plain text.",
        "not_text": "The question must be text.",
        "no_index": "No plans are indexed yet: run `plansvar ingest`.",
        "busy": "The service is busy right now. Please try again in a moment.",
        "store": "The document store does not answer right now. Please try again in a moment.",
        "rate_limited": "Too many requests from your address (at most {per_minute} a minute). Please wait {seconds} s.",
    },
}

TEXTS = {"sv": SV, "en": EN}


def language(code: object) -> str:
    """A language the page has texts for: ``code`` when it is one, else the default."""
    return code if isinstance(code, str) and code in TEXTS else DEFAULT_LANGUAGE


def texts(lang: str) -> dict:
    return TEXTS[language(lang)]


def text(lang: str, key: str, **values: object) -> str:
    """The text ``key`` in ``lang``, its ``{placeholders}`` filled in."""
    value = texts(lang)[key]
    return value.format(**values) if values else value


def error_text(error: BaseException, lang: str) -> str:
    """What the page says about ``error``, in the page's language. Errors the page has no text for
    keep their own message (``user_message``, the CLI's and the API's text)."""
    errors = texts(lang)["errors"]
    if isinstance(error, InvalidQuestion) and error.reason in errors:
        return errors[error.reason].format(**error.details)
    if isinstance(error, IndexMissing):
        return errors["no_index"]
    if isinstance(error, Busy):
        return errors["busy"]
    if isinstance(error, StoreUnavailable):
        return errors["store"]
    if isinstance(error, RateLimited):
        return errors["rate_limited"].format(per_minute=error.per_minute, seconds=error.retry_after)
    return user_message(error)
