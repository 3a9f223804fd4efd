"""MkDocs hook: pages made at build time from the repository, so that they cannot drift.

- api.md: the API reference, from the CRDs in crds/ (every field, its type, description and validation);
- security.md: SECURITY.md (kept at the top of the repository, where GitHub looks for it);
- helm-chart.md: helm/raffinerie/README.md (the chart's values, permissions and monitoring).

Run by `make docs` (mkdocs build --strict); nothing is written into docs/.
"""
import glob
import os
import re

import yaml
from mkdocs.structure.files import File

KIND_ORDER = ["DataEnvironment", "DataJob", "DataPipeline", "DataRun", "DataTechnology", "DataRevision", "DataPromotion",
              "DataPromotionApproval"]


def on_files(files, config):
    root = os.path.dirname(config["config_file_path"])
    pages = {
        "api.md": api_reference(sorted(glob.glob(os.path.join(root, "crds", "*.yaml")))),
        "security.md": relink(read(os.path.join(root, "SECURITY.md")), "docs/"),
        "helm-chart.md": relink(read(os.path.join(root, "helm", "raffinerie", "README.md")), "../../docs/"),
    }
    for uri, content in pages.items():
        files.append(File.generated(config, uri, content=content))
    return files


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def relink(text, prefix):
    """Links written from elsewhere in the repository to docs/x.md become links to x.md on the site."""
    return text.replace("](" + prefix, "](")


# --- API reference -------------------------------------------------------------------------------------------------

def api_reference(paths):
    crds = [c for c in (yaml.safe_load(read(p)) for p in paths) if c and c.get("kind") == "CustomResourceDefinition"]
    crds.sort(key=lambda c: (KIND_ORDER.index(c["spec"]["names"]["kind"]) if c["spec"]["names"]["kind"] in KIND_ORDER
                             else len(KIND_ORDER), c["spec"]["names"]["kind"]))
    out = ["# API reference", "",
           "Generated from the CRDs in `crds/` (themselves generated from the classes in `io.raffinerie.api.v1alpha1`"
           " by `make crds`) each time the site is built, so it always says what the API server enforces."
           " `kubectl explain <kind>.spec --recursive` gives the same descriptions.", ""]
    out += ["| kind | scope | short names | plural |", "|---|---|---|---|"]
    for c in crds:
        n = c["spec"]["names"]
        out.append("| [`%s`](#%s) | %s | %s | `%s` |" % (n["kind"], n["kind"].lower(), c["spec"]["scope"],
                                                      ", ".join("`%s`" % s for s in n.get("shortNames", [])),
                                                      n["plural"]))
    out.append("")
    out.append("All are in the group `%s` and the categories %s: `kubectl get raffinerie -A` lists them."
               % (crds[0]["spec"]["group"] if crds else "raffinerie.io",
                  ", ".join(sorted({"`%s`" % cat for c in crds for cat in c["spec"]["names"].get("categories", [])}))))
    out.append("")
    for c in crds:
        out += crd_section(c)
    return "\n".join(out) + "\n"


def crd_section(crd):
    spec = crd["spec"]
    names = spec["names"]
    out = []
    for v in spec["versions"]:
        schema = v.get("schema", {}).get("openAPIV3Schema", {})
        out += ["## %s" % names["kind"], ""]
        if schema.get("description"):
            out += [cell(schema["description"]), ""]
        out.append("`apiVersion: %s/%s`, %s%s." % (spec["group"], v["name"], spec["scope"].lower(),
                                                   ", served" if v.get("served") else ""))
        if v.get("subresources"):
            out[-1] += " Subresources: %s." % ", ".join("`%s`" % s for s in v["subresources"])
        out.append("")
        cols = v.get("additionalPrinterColumns", [])
        if cols:
            out += ["Columns of `kubectl get %s` (those of priority 1 with `-o wide`):" % names["plural"], "",
                    "| column | from | priority |", "|---|---|---|"]
            out += ["| %s | `%s` | %s |" % (col["name"], cell(col["jsonPath"]), col.get("priority", 0)) for col in cols]
            out.append("")
        schema = v.get("schema", {}).get("openAPIV3Schema", {})
        rules = validation(schema)
        if rules:
            out += ["Rules on the whole object: " + rules, ""]
        for part in ("spec", "status"):
            if part in schema.get("properties", {}):
                out += ["### %s.%s" % (names["kind"], part), ""]
                top = schema["properties"][part]
                if top.get("description"):
                    out += [cell(top["description"]), ""]
                if validation(top):
                    out += ["Rules: " + validation(top), ""]
                rows = list(fields(top, part, top.get("required", [])))
                rows = [r for r in rows if r[0] != part]
                if rows:
                    out += ["| field | type | description | validation |", "|---|---|---|---|"]
                    out += ["| `%s` | %s | %s | %s |" % r for r in rows]
                else:
                    out.append("No fields.")
                out.append("")
    return out


def fields(schema, path, required_here):
    props = schema.get("properties", {})
    required = set(schema.get("required", []))
    for name in props:
        sub = props[name]
        p = "%s.%s" % (path, name)
        yield (cell(p), cell(type_of(sub)), describe(sub),
               "; ".join(part for part in ("**required**" if name in required else "", cell(validation(sub))) if part))
        yield from children(sub, p)


def children(sub, p):
    if sub.get("type") == "array" and isinstance(sub.get("items"), dict):
        items = sub["items"]
        if items.get("properties"):
            yield from fields(items, p + "[]", items.get("required", []))
        elif validation(items):
            yield (cell(p + "[]"), cell(type_of(items)), describe(items, "each entry of `%s`" % cell(p)), cell(validation(items)))
    elif sub.get("properties"):
        yield from fields(sub, p, sub.get("required", []))
    add = sub.get("additionalProperties")
    if isinstance(add, dict) and (add.get("properties") or validation(add)):
        if add.get("properties"):
            yield from fields(add, p + ".<key>", add.get("required", []))
        else:
            yield (cell(p + ".<key>"), cell(type_of(add)), describe(add), cell(validation(add)))


def describe(s, otherwise="_(no description)_"):
    return cell(s["description"]) if s.get("description") else otherwise


def number(n):
    return int(n) if isinstance(n, float) and n.is_integer() else n


def type_of(s):
    if s.get("x-kubernetes-int-or-string"):
        return "integer or string"
    t = s.get("type", "object" if s.get("properties") or s.get("x-kubernetes-preserve-unknown-fields") else "any")
    if t == "array":
        return "array of " + type_of(s.get("items", {}))
    if t == "object" and isinstance(s.get("additionalProperties"), dict) and not s.get("properties"):
        return "map of " + type_of(s["additionalProperties"])
    if s.get("format"):
        t += " (%s)" % s["format"]
    return t


def validation(s):
    parts = []
    if "enum" in s:
        parts.append("one of " + ", ".join("`%s`" % e for e in s["enum"]))
    if "default" in s:
        parts.append("default `%s`" % (yaml.safe_dump(s["default"], default_flow_style=True).strip().removesuffix("...").strip()))
    for key, label in (("minimum", "≥"), ("maximum", "≤")):
        if key in s:
            parts.append("%s %s" % (label, number(s[key])))
    for key, label in (("minLength", "at least %s characters"), ("maxLength", "at most %s characters"),
                       ("minItems", "at least %s items"), ("maxItems", "at most %s items"),
                       ("minProperties", "at least %s entries"), ("maxProperties", "at most %s entries")):
        if key in s:
            parts.append(label % s[key])
    if "pattern" in s:
        parts.append("matches `%s`" % s["pattern"])
    if s.get("nullable"):
        parts.append("nullable")
    if s.get("x-kubernetes-preserve-unknown-fields"):
        parts.append("any fields kept")
    if s.get("x-kubernetes-list-type"):
        parts.append("list type `%s`" % s["x-kubernetes-list-type"])
    for r in s.get("x-kubernetes-validations", []):
        message = r.get("message") or ("message `%s`" % r["messageExpression"] if r.get("messageExpression") else "")
        parts.append(("%s (CEL `%s`)" % (message, r["rule"])) if message else "CEL `%s`" % r["rule"])
    return "; ".join(parts)


def cell(text):
    """A Markdown table cell: one line; outside code spans, what Markdown would read as markup is escaped."""
    text = re.sub(r"\s*\n\s*", " ", str(text)).strip()
    parts = text.split("`")  # inside code spans everything is literal, pipes included
    return "`".join(part if i % 2 else plain(part) for i, part in enumerate(parts))


def plain(text):
    """Text from a CRD shown as written: <run> is not an HTML tag, * and | are not markup."""
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace("*", "\\*").replace("|", "\\|"))
