"""The API documentation page, rendered on the server from the OpenAPI schema.

FastAPI's built-in docs load Swagger UI from a CDN, which the offline rule and the CSP
forbid; this lists the same routes, parameters and bodies as plain HTML.
"""

from __future__ import annotations

from typing import Any


def _type(schema: dict[str, Any]) -> str:
    if "enum" in schema:
        return " | ".join(map(str, schema["enum"]))
    if "anyOf" in schema:
        return " | ".join(_type(s) for s in schema["anyOf"] if s.get("type") != "null")
    if "$ref" in schema:
        return schema["$ref"].rsplit("/", 1)[-1]
    if schema.get("type") == "array":
        return f"list of {_type(schema.get('items', {}))}"
    return schema.get("type", "any")


def describe(openapi: dict[str, Any]) -> dict[str, Any]:
    routes = []
    for path, methods in openapi["paths"].items():
        for method, op in methods.items():
            params = [
                {
                    "name": p["name"],
                    "in": p["in"],
                    "type": _type(p.get("schema", {})),
                    "required": p.get("required", False),
                    "description": p.get("description") or p.get("schema", {}).get("description"),
                }
                for p in op.get("parameters", [])
            ]
            body = op.get("requestBody", {}).get("content", {}).get("application/json", {})
            routes.append(
                {
                    "method": method.upper(),
                    "path": path,
                    "summary": op.get("summary", ""),
                    "description": op.get("description", ""),
                    "params": params,
                    "body": _type(body["schema"]) if body else None,
                    "write": method != "get",
                }
            )
    schemas = openapi.get("components", {}).get("schemas", {})
    models = {
        name: [
            {"name": field, "type": _type(spec), "description": spec.get("description")}
            for field, spec in schema.get("properties", {}).items()
        ]
        for name, schema in schemas.items()
        if name in {"Decision", "UnsureDecision", "Edit", "EventRow"}
    }
    return {"info": openapi["info"], "routes": routes, "models": models}
