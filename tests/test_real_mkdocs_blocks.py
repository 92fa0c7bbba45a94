"""Admonitions, collapsible blocks and content tabs as real MkDocs builds them: their
indented body is Markdown, whose links and headings the built page has; the syntax shown
in a fence, or indented deeper than a block starts, is code. The site is built by real
MkDocs (PyPI `mkdocs`, with pymdown-extensions) and every link's target and every id of
the model is held to the built HTML's. Skips without MkDocs."""

from __future__ import annotations

import re
from pathlib import Path

from helpers import mkdocs_build, write_files

from linkpolicy.api import analyse, findings_of

CONFIG = """site_name: S
site_url: https://x.dev/
markdown_extensions:
  - admonition
  - attr_list
  - toc
  - pymdownx.details
  - pymdownx.superfences
  - pymdownx.tabbed:
      alternate_style: true
"""
INDEX = """# Home

!!! note "Read first"

    See [b](b.md) and [its part](b.md#part-two).

    ## In a note

??? tip "More"
    Collapsed [c](c.md).

=== "One"

    [d](d.md)

    !!! warning

        Nested [e](e.md).

=== "Two"

    ``` { .sh #example }
    ls
    ```

The syntax, shown:

```markdown
!!! note

    [shown](shown.md)
```

Code:

    !!! note
        [code](code.md)

[jump](#in-a-note) [ex](#example) [gone](#nowhere)
"""
PAGES = {
    "docs/index.md": INDEX,
    **{f"docs/{n}.md": f"# {n.upper()}\n\n## Part two\n" for n in "bcde"},
}
POLICY = "site:\n  base_url: https://x.dev\n  generator: mkdocs\n  content: docs/\n  home: index.md\n"


def test_block_bodies_are_markdown_as_mkdocs_builds_them(tmp_path: Path) -> None:
    root = write_files(tmp_path / "site", {"mkdocs.yml": CONFIG, **PAGES, "policies/site.yaml": POLICY})
    mkdocs_build(root / "mkdocs.yml", tmp_path / "out")
    html = (tmp_path / "out/index.html").read_text(encoding="utf-8")
    article = html[html.index('role="main"') : html.index("<footer")]  # the page's own, not the nav
    hrefs = re.findall(r'<a href="([a-z][^"#]*/)(?:#[^"]*)?"', article)
    built_ids = set(re.findall(r'id="([^"]+)"', html))
    analysis = analyse(root, cwd=root)
    page = analysis.site.by_path["docs/index.md"]
    ours = [
        lk.target_page.url.strip("/") + "/"
        for lk in page.links
        if lk.target_page and lk.target_page is not page
    ]
    assert ours == ["b/", "b/", "c/", "d/", "e/"]
    assert [h for h in hrefs if h in {"b/", "c/", "d/", "e/", "shown/", "code/"}] == ours
    assert {"in-a-note", "example"} <= page.anchors and {"in-a-note", "example"} <= built_ids
    fragments = [f.message.split()[0] for f in findings_of(analysis) if f.rule == "broken-fragment"]
    assert fragments == ["#nowhere"] and "nowhere" not in built_ids
