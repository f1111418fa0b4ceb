"""What every public equality report gives besides its figures (issue 25): who to contact,
other formats, the duty it is published under, who approved it, and stories of change from
the analyst's commentary (``case_studies:``)."""

from __future__ import annotations

import base64

from equality_progress.inputs.commentary import image_kind
from equality_progress.report.assemble import Report
from equality_progress.report.blocks import (
    Block,
    definition_list,
    esc,
    heading,
    join,
    paragraph,
    tlit,
)

# The public sector equality duty and the specific duty to publish (Equality Act 2010,
# s.149; the Equality Act 2010 (Specific Duties and Public Authorities) Regulations 2017).
DUTY = (
    "This report is published under the public sector equality duty (Equality Act 2010, "
    "section 149): in everything it does, the authority must have due regard to the need to "
    "eliminate discrimination, advance equality of opportunity and foster good relations. "
    "The Equality Act 2010 (Specific Duties and Public Authorities) Regulations 2017 require "
    "it to publish equality information every year and equality objectives at least every "
    "four years."
)


def about(r: Report) -> Block:
    """Contact, other formats, the equality duty and the year's approval."""
    a = r.authority
    items = []
    if a.contact is not None:
        c = a.contact
        how = [c.team, c.email] + [x for x in (c.phone, c.address) if x]
        items.append(("Contact", ", ".join(how)))
        if c.feedback:
            items.append(("Feedback", c.feedback))
    items.append(("Other formats", f"{a.other_formats.rstrip('.')}: please ask the contact above."))
    approval = a.approved.get(str(r.year))
    items.append(
        (
            "Approval",
            f"Approved for publication by the {approval.by} on "
            f"{approval.date.strftime('%-d %B %Y')}."
            if approval is not None
            else "Not yet approved for publication: this is a draft.",
        )
    )
    return join([definition_list(items), paragraph(DUTY)])


def stories(r: Report) -> Block:
    """The year's stories of change (``case_studies:`` in commentary.yaml), or nothing."""
    yd = r.data.get(r.year)
    studies = yd.commentary.get("case_studies", []) if yd else []
    if not studies:
        return Block("", "", "")
    parts = [heading("Stories of change", 2, "stories")]
    for s in studies:
        parts += [heading(s.title, 3), paragraph(s.text)]
        if s.image_data is not None:
            parts.append(picture(s.image_data, s.alt or ""))
    return join(parts)


def picture(data: bytes, alt: str) -> Block:
    """A case study's picture: inline in the HTML (the file stays self-contained) and in the
    PDF (Typst reads the bytes; the alt text tags it), never wider than half the page."""
    kind = image_kind(data)
    uri = f"data:image/{kind};base64,{base64.b64encode(data).decode('ascii')}"
    html = f'<figure class="story"><img src="{uri}" alt="{esc(alt)}"></figure>\n'
    # Typst has no base64 decoder: the bytes go in as an array of numbers
    typ = (
        f"\n#image(bytes(({', '.join(map(str, data))},)), format: {tlit(kind)}, "
        f"alt: {tlit(alt)}, width: 50%)\n"
    )
    return Block(html, typ, f"[picture] {alt}")
