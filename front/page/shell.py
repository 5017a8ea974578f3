"""What every tab shares: the page's language and the one list the language switch walks.

A tab registers each text it shows as a (component, text key) pair (`Page.text`), and whatever must
be rendered again in another language (a table's rows and headers) as a follower
(`Page.follow_language`). The header holds the language switch; `Page.wire` connects it: the
language comes from the URL (``?lang=en``) when the page loads, and a switch writes it back to the
URL, so a reload or a shared link keeps it. When the page has loaded (the language applied, the
followers run), ``<html>`` carries ``data-plansvar-ready`` — the readiness signal the page tests
wait for.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from assistant.errors import AssistantError
from assistant.service import AssistantService
from assistant.settings import Settings
from front.limits import Limits
from front.render import chat_text, document_view
from front.texts import LANGUAGES, error_text, language, text
from index.backends import StoreUnavailable

# The language named in the URL (so a reload or a shared link keeps it) and on <html lang>.
_SHOW_LANGUAGE = """(code) => {
  const url = new URL(window.location.href);
  if (url.searchParams.get('lang') !== code) {
    url.searchParams.set('lang', code);
    history.replaceState(null, '', url);
  }
  document.documentElement.lang = code;
  return code;
}"""
# Once the load event has applied the language and filled the tables: the page is ready.
_READY = "() => { document.documentElement.dataset.plansvarReady = 'true'; }"


@dataclass
class Follower:
    """Re-rendered in the page's language: ``fn(lang, *inputs)`` gives the values of ``outputs``."""

    fn: Callable
    inputs: list
    outputs: list


@dataclass
class Page:
    """The state the tabs share while the page is built."""

    holder: AssistantService
    settings: Settings
    limits: Limits = field(default_factory=Limits)  # the app's one rate limit, shared with its other doors
    lang: Any = None  # gr.State: the page's language code
    switch: Any = None  # gr.Radio: the language switch
    texts: list[tuple[Any, str, str]] = field(default_factory=list)  # (component, attribute, text key)
    followers: list[Follower] = field(default_factory=list)

    @property
    def language(self) -> str:
        """The language the page is built in (before a visitor's choice is applied)."""
        return language(self.settings.ui_language)

    def text(self, component: Any, key: str, attr: str = "label") -> Any:
        """Register ``component``'s ``attr`` as text ``key`` (relabelled on a language switch); returns it."""
        self.texts.append((component, attr, key))
        return component

    def t(self, key: str) -> str:
        """Text ``key`` in the language the page is built in."""
        return text(self.language, key)

    def follow_language(self, fn: Callable, inputs: list, outputs: list) -> None:
        self.followers.append(Follower(fn, inputs, outputs))

    def relabel(self, lang: str) -> list:
        """One update per registered component, every registered attribute in ``lang``."""
        import gradio as gr

        attrs: dict[int, dict[str, Any]] = {}
        for component, attr, key in self.texts:
            attrs.setdefault(id(component), {})[attr] = text(lang, key)
        return [gr.update(**attrs[id(c)]) for c in self._labelled()]

    def _labelled(self) -> list:
        return list({id(c): c for c, _, _ in self.texts}.values())

    def wire(self, page: Any) -> None:
        """Apply the URL's language on load, and the visitor's choice on a switch; then the followers."""
        import gradio as gr

        def start(request: gr.Request):
            code = language(request.query_params.get("lang") if request else None)
            return [code, code, *self.relabel(code)]

        def choose(code: str):
            code = language(code)
            return [code, *self.relabel(code)]

        outputs = self._labelled()
        loaded = page.load(start, None, [self.lang, self.switch, *outputs])
        loaded = self._then_followers(loaded.then(None, [self.switch], None, js=_SHOW_LANGUAGE))
        loaded.then(None, js=_READY)
        chosen = self.switch.input(choose, [self.switch], [self.lang, *outputs], js=_SHOW_LANGUAGE)
        self._then_followers(chosen)

    def _then_followers(self, event: Any) -> Any:
        for f in self.followers:
            event = event.then(f.fn, [self.lang, *f.inputs], f.outputs)
        return event


def build_header(page: Page) -> None:
    """The title and the language switch."""
    import gradio as gr

    page.lang = gr.State(page.language)
    with gr.Row(elem_id="header"):
        page.text(gr.Markdown(page.t("title"), elem_id="title"), "title", "value")
        page.switch = page.text(
            gr.Radio(
                [(name, code) for code, name in LANGUAGES.items()],
                value=page.language,
                label=page.t("language"),
                elem_id="language",
                scale=0,
                min_width=180,
            ),
            "language",
        )


def document(holder, doc_id: str, start: int, end: int, lang: str, title: str | None = None) -> str:
    """The document view, or the reason it cannot be shown (store down, document gone)."""
    try:
        assistant = holder()
    except (AssistantError, StoreUnavailable) as e:
        return f'<p class="error">{chat_text(error_text(e, lang))}</p>'
    found = assistant.document(doc_id)
    if found is None:
        return ""
    info, document_text = found
    return document_view(title or info.title, document_text, start, end, lang)
