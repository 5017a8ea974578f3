"""Swedish administrative phrasing: how the plans state responsibilities and assignments."""

from __future__ import annotations

import re

# Text that states a responsibility or an assignment ("får i uppdrag", "ansvarar för", "antogs" …).
_RESPONSIBILITY = re.compile(
    r"får (?:även )?i uppdrag|ansvarar för|ansvaret för|har uppdraget|ansvarig|beslutades|beslutade|"
    r"antogs|fastställ\w*|uppdrag(?:et|en)? till|tilldelas|ska ansvara|har i uppdrag",
    re.IGNORECASE,
)


def states_responsibility(text: str) -> bool:
    return bool(_RESPONSIBILITY.search(text))
