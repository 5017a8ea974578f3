"""The page's stylesheet (system fonts only: nothing is fetched from outside).

On a phone (up to 640 px) the header is compact so the question box is on the first screen, the
sources follow the conversation, and the register shows cards instead of its table.
"""

CSS = """
#chat { --plansvar-chat-height: clamp(260px, 52vh, 460px); }
.sources article.citation { border-left: 4px solid #1f5f8b; padding: .4rem .6rem; margin: .5rem 0; }
.sources mark, .document mark { background: #ffe58f; color: #111; }
.sources .marker { font-weight: 600; }
.superseded { color: #8a1c1c; font-weight: 600; }
.document-text, .sources .passage { white-space: pre-wrap; overflow-wrap: anywhere; }
.sources .passage { margin: .3rem 0; }
.document-text { max-height: 60vh; overflow-y: auto; }
button[role="tab"].selected, button[role="tab"][aria-selected="true"] { color: #9a3412 !important; }
:focus-visible { outline: 3px solid #1f5f8b !important; outline-offset: 2px; }
#owners-table .cell-wrap, #documents-table .cell-wrap { font-family: system-ui, sans-serif; }
.visually-hidden {
  position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap;
}
#chat a.marker { color: #1f5f8b; font-weight: 600; text-decoration: underline; padding: 0 .1rem; }
#chat .read-with { font-size: .9em; color: #3d3d3d; margin: 0 0 .4rem; }
button.open-source, button.open-row {
  min-height: 28px; padding: .15rem .6rem; border: 1px solid #1f5f8b; border-radius: 4px;
  background: #fff; color: #1f5f8b; cursor: pointer; font: inherit;
}
button.open-source:hover, button.open-row:hover { background: #eef4f8; }
.owner-cards, .document-cards { list-style: none; padding: 0; margin: 0; }
.owner-card, .document-card { border-left: 4px solid #1f5f8b; padding: .4rem .6rem; margin: .5rem 0; }
.owner-card h2, .document-card h2 { font-size: 1rem; margin: 0 0 .2rem; }
.owner-card p { display: block; margin: .2rem 0; overflow-wrap: anywhere; }
.owner-card .meta { color: #3d3d3d; font-size: .9em; }
.document-card dl { display: grid; grid-template-columns: auto 1fr; gap: .1rem .6rem; margin: .2rem 0; }
.document-card dt { color: #3d3d3d; }
.document-card dd { margin: 0; overflow-wrap: anywhere; }
#owner-cards, #document-cards { display: none; }
@media (min-width: 900px) {
  #sources .sources { max-height: 75vh; overflow-y: auto; }
}
@media (max-width: 640px) {
  #chat { --plansvar-chat-height: max(180px, calc(100svh - 520px)); }
  #header { flex-direction: column; gap: 0; }
  #language { padding: .25rem .5rem !important; }
  #language .wrap { gap: .5rem; }
  #title h1 { font-size: 1.25rem; margin: 0; }
  #title p { font-size: .9rem; margin: .2rem 0 0; }
  #language { min-width: 0 !important; }
  #owners-table, #documents-table { display: none !important; }
  #owner-cards, #document-cards { display: block; }
}
"""
