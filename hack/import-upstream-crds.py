#!/usr/bin/env python3
"""Extracts the API facts of the upstream VirtRigaud CRDs into JSON test fixtures.

The fixtures hold what the schema comparison test checks (names, scope, subresources, printer columns and the
OpenAPI schema) with the prose descriptions removed. Run it when moving to a newer upstream release:

    hack/import-upstream-crds.py ../shared/upstream-crds api/v1beta1/tests/VirtRigaud.Api.V1Beta1.Tests/Upstream

Needs python3 with PyYAML (Debian: python3-yaml). Not used by `make test`.
"""
import json
import pathlib
import sys

import yaml


def strip(node):
    # Drop the prose (a string under the key "description"), never a property that is itself named "description".
    if isinstance(node, dict):
        return {k: strip(v) for k, v in node.items() if not (k == "description" and isinstance(v, str))}
    if isinstance(node, list):
        return [strip(v) for v in node]
    return node


def main(src, dst):
    out = pathlib.Path(dst)
    out.mkdir(parents=True, exist_ok=True)
    for path in sorted(pathlib.Path(src).glob("*.yaml")):
        crd = yaml.safe_load(path.read_text())
        version = crd["spec"]["versions"][0]
        fixture = {
            "source": f"{path.name} (VirtRigaud v0.3.11, controller-gen "
                      f"{crd['metadata']['annotations'].get('controller-gen.kubebuilder.io/version', '?')})",
            "group": crd["spec"]["group"],
            "names": crd["spec"]["names"],
            "scope": crd["spec"]["scope"],
            "version": version["name"],
            "subresources": version.get("subresources", {}),
            "additionalPrinterColumns": version.get("additionalPrinterColumns", []),
            "openAPIV3Schema": strip(version["schema"]["openAPIV3Schema"]),
        }
        target = out / f"{crd['spec']['names']['plural']}.json"
        target.write_text(json.dumps(fixture, indent=1, sort_keys=True, ensure_ascii=False) + "\n")
        print(f"{path.name} -> {target}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
