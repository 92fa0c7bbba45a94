"""The section tree of a site: which page is a folder's section page, and each page's
parent, children, siblings and ancestors — what list templates, breadcrumbs and
sidebars walk.

A folder without a section page is a *virtual* section (Hugo builds a list page for a
top-level folder without ``_index.md``; other generators show a folder in the sidebar):
it has no source file; :meth:`SectionTree.children` lists its pages in its nearest real
ancestor's list (Hugo's navigation makes its list page a generated page instead)."""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from ..model import Page


@dataclass(eq=False)
class Section:
    """A folder of one content root; ``page`` is its section page, if it has one."""

    folder: str  # content-root relative, "" for the root
    page: Page | None = None
    parent: Section | None = None
    sections: list[Section] = field(default_factory=list)
    #: regular pages of this section (not section pages of subsections)
    pages: list[Page] = field(default_factory=list)


@dataclass
class SectionTree:
    """Sections of every content root and the section each page belongs to."""

    roots: list[Section]
    #: a regular page -> its section; a section page -> its own section
    section_of: dict[Page, Section]

    def current_section(self, page: Page) -> Section | None:
        return self.section_of.get(page)

    def parent_section(self, page: Page) -> Section | None:
        """The section that lists ``page``: its own for a regular page, the one
        above for a section page."""
        section = self.section_of.get(page)
        if section is None:
            return None
        return section.parent if section.page is page else section

    def children(self, page: Page) -> list[Page]:
        """Pages a list template of ``page``'s section shows (regular pages, then the
        section pages of subsections); virtual subsections are flattened into it.
        Empty for a regular page."""
        section = self.section_of.get(page)
        if section is None or section.page is not page:
            return []
        return list(_listed(section))

    def subsections(self, page: Page) -> list[Section]:
        """The sections right below the section page ``page`` (none for a regular page)."""
        section = self.section_of.get(page)
        return list(section.sections) if section is not None and section.page is page else []

    def listing(self, section: Section) -> list[Page]:
        """What a list of ``section`` shows (see :meth:`children`), a virtual one's too."""
        return list(_listed(section))

    def section_list(self, page: Page) -> list[Page]:
        """What a list of ``page``'s current section shows (``.CurrentSection.Pages``): for
        a regular page, its section's pages and subsections, itself among them."""
        section = self.section_of.get(page)
        return list(_listed(section)) if section is not None else []

    def siblings(self, page: Page) -> list[Page]:
        """The other regular pages of the section that lists ``page``."""
        parent = self.parent_section(page)
        if parent is None:
            return []
        return [p for p in parent.pages if p is not page]

    def ancestors(self, page: Page) -> list[Page]:
        """Section pages above ``page``, nearest first (virtual ones skipped)."""
        return [s.page for s in self.ancestor_sections(page) if s.page is not None and s.page is not page]

    def ancestor_sections(self, page: Page) -> list[Section]:
        """The sections above ``page``, nearest first, virtual ones included."""
        out = []
        section = self.parent_section(page)
        while section is not None:
            out.append(section)
            section = section.parent
        return out


def _listed(section: Section) -> Iterable[Page]:
    yield from section.pages
    for sub in section.sections:
        if sub.page is not None:
            yield sub.page
        else:
            yield from _listed(sub)


def build_tree(
    pages: Iterable[Page],
    is_section_page: Callable[[str], bool],
    is_section_folder: Callable[[str], bool] = lambda folder: True,
    folder_of: Callable[[str], str] = posixpath.dirname,
) -> SectionTree:
    """The tree of ``pages`` (grouped by content root). ``is_section_page(rel)`` says
    whether a file is its folder's section page (``_index.md`` for Hugo, ``index.md`` or
    ``README.md`` elsewhere); ``is_section_folder(folder)`` whether a folder without one
    is still a (virtual) section — otherwise its pages belong to the section above."""
    by_root: dict[str, list[Page]] = {}
    for page in pages:
        by_root.setdefault(page.root, []).append(page)
    roots: list[Section] = []
    section_of: dict[Page, Section] = {}
    for root in sorted(by_root):
        top = Section(folder="")
        roots.append(top)
        sections = {"": top}

        def section_for(folder: str, sections: dict[str, Section] = sections) -> Section:
            """The section for ``folder``, creating it (and its ancestors) as needed."""
            if folder in sections:
                return sections[folder]
            parent = section_for(posixpath.dirname(folder))
            if not is_section_folder(folder):
                return parent
            section = Section(folder=folder, parent=parent)
            parent.sections.append(section)
            sections[folder] = section
            return section

        root_pages = sorted(by_root[root], key=lambda p: p.rel)
        # Section pages first, so a folder with one is a real section before pages land in it.
        for page in root_pages:
            if is_section_page(page.rel):
                folder = posixpath.dirname(page.rel)
                section = sections.get(folder)
                if section is None:
                    parent = section_for(posixpath.dirname(folder)) if folder else None
                    section = Section(folder=folder, parent=parent)
                    if parent is not None:
                        parent.sections.append(section)
                    sections[folder] = section
                if section.page is None:
                    section.page = page
                    section_of[page] = section
                    continue
                # a second index file of the same folder is a regular page of it
        for page in root_pages:
            if page in section_of:
                continue
            section = section_for(folder_of(page.rel))
            section.pages.append(page)
            section_of[page] = section
    return SectionTree(roots=roots, section_of=section_of)
