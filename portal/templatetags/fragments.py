"""`{% per_content_version "name" value… [when condition] %}…{% end_per_content_version %}`: a part
of a template rendered once per content version and visibility class, and kept (portal.version_memo).

The values after the name are what else the part depends on (an item's primary key and whether it
is marked members-only, the filters asked for); the site's host is always part of the key, since
links are relative to the site. With `when`, the part is kept only where the condition holds (a
page's head, for Wagtail's pages, and not for views whose head says what was asked of them).

Visitors who may see the same pages share what is kept, so a part must depend on nothing else of
the visitor's: never a CSRF token, a name or a message for one visitor. A preview (a draft, shown
to its editors) renders every part afresh.
"""

from django import template

from portal.version_memo import per_content_version

register = template.Library()


class PerContentVersionNode(template.Node):
    def __init__(self, nodelist, name, values, condition=None):
        self.nodelist, self.name, self.values, self.condition = nodelist, name, values, condition

    def render(self, context):
        request = context.get("request")
        if request is None or getattr(request, "is_preview", False):  # a preview shows a draft: never kept
            return self.nodelist.render(context)
        if self.condition is not None and not self.condition.resolve(context):
            return self.nodelist.render(context)
        values = tuple(value.resolve(context) for value in self.values)
        key = f"fragment:{self.name.resolve(context)}:{request.get_host()}:{values!r}"
        return per_content_version(request, key, lambda: self.nodelist.render(context))


@register.tag("per_content_version")
def per_content_version_tag(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError(f"{bits[0]} needs a name, e.g. {{% {bits[0]} 'footer' %}}")
    values, condition = bits[2:], None
    if "when" in values:
        if values.index("when") != len(values) - 2:
            raise template.TemplateSyntaxError(f"{bits[0]}: `when` takes one condition, last")
        values, condition = values[:-2], parser.compile_filter(values[-1])
    nodelist = parser.parse(("end_per_content_version",))
    parser.delete_first_token()
    values = [parser.compile_filter(bit) for bit in values]
    return PerContentVersionNode(nodelist, parser.compile_filter(bits[1]), values, condition)
