"""The official Python Kubernetes client (Debian's python3-kubernetes) against the VirtRigaud API server.

Usage: /usr/bin/python3 dynamic_client.py <kubeconfig> <namespace>

Drives the dynamic client through what a Python operator or script does: discovery, create, get, list with
selectors, merge and JSON patches, replace with a stale resourceVersion, a watch in a thread while the main
thread modifies and deletes, and the error statuses. Prints one JSON object describing what each step observed;
PythonDynamicClientTests asserts it. A failing step is recorded (status, reason, message) instead of aborting, so
one server bug does not hide the rest.
"""

import json
import sys
import threading
import time

from kubernetes import client, config, dynamic, watch
from kubernetes.dynamic.exceptions import DynamicApiError

API_VERSION = "infra.virtrigaud.io/v1beta1"


def vm_body(name, labels, provider="libvirt-lab"):
    return {
        "apiVersion": API_VERSION,
        "kind": "VirtualMachine",
        "metadata": {"name": name, "labels": labels},
        "spec": {
            "providerRef": {"name": provider},
            "classRef": {"name": "small"},
            "imageRef": {"name": "ubuntu-24-04"},
            "powerState": "On",
        },
    }


def api_error(error):
    """The Status the server answered with, as the client exposes it."""
    try:
        body = json.loads(error.body)
    except (TypeError, ValueError):
        body = {}
    return {
        "status": error.status,
        "reason": body.get("reason"),
        "message": body.get("message"),
        "kind": body.get("kind"),
    }


def step(results, name, action):
    try:
        results[name] = action()
    except DynamicApiError as error:
        results[name] = {"error": api_error(error)}


def summary(obj):
    meta = obj.metadata
    return {
        "name": meta.name,
        "namespace": meta.namespace,
        "uid": meta.uid,
        "resourceVersion": meta.resourceVersion,
        "generation": meta.generation,
        "creationTimestamp": meta.creationTimestamp,
        "labels": dict(meta.labels or {}),
        "classRef": obj.spec.classRef.name,
    }


def watch_in_thread(vms, namespace, started, events):
    """Watches web-a from now on (the initial ADDED first), records every event, stops at DELETED."""
    watcher = watch.Watch()
    try:
        for event in vms.watch(namespace=namespace, field_selector="metadata.name=py-a", timeout=30, watcher=watcher):
            obj = event["object"]
            events.append({
                "type": event["type"],
                "name": obj.metadata.name,
                "resourceVersion": obj.metadata.resourceVersion,
                "classRef": obj.spec.classRef.name if obj.spec else None,
                "labels": dict(obj.metadata.labels or {}),
            })
            if event["type"] == "ADDED":
                started.set()
            if event["type"] == "DELETED":
                watcher.stop()
    except Exception as error:  # noqa: BLE001 - reported to the C# test, which fails on it
        events.append({"type": "EXCEPTION", "error": repr(error)})
    finally:
        started.set()


def main():
    kubeconfig, namespace = sys.argv[1], sys.argv[2]
    config.load_kube_config(config_file=kubeconfig)
    api = client.ApiClient()
    results = {}

    # python-kubernetes requests /version/ (with the trailing slash).
    results["version"] = client.VersionApi(api).get_code().git_version

    dc = dynamic.DynamicClient(api)
    vms = dc.resources.get(api_version=API_VERSION, kind="VirtualMachine")
    results["resource"] = {
        "name": vms.name,
        "kind": vms.kind,
        "namespaced": vms.namespaced,
        "shortNames": list(vms.short_names or []),
        "verbs": sorted(vms.verbs or []),
    }
    vmsets = dc.resources.get(api_version=API_VERSION, kind="VMSet")
    results["vmsetSubresources"] = sorted(vmsets.subresources.keys())

    step(results, "createA", lambda: summary(vms.create(body=vm_body("py-a", {"app": "web"}), namespace=namespace)))
    step(results, "createB", lambda: summary(vms.create(body=vm_body("py-b", {"app": "db"}, "vsphere-prod"), namespace=namespace)))
    step(results, "createDuplicate", lambda: summary(vms.create(body=vm_body("py-a", {}), namespace=namespace)))
    step(results, "get", lambda: summary(vms.get(name="py-a", namespace=namespace)))
    step(results, "getMissing", lambda: summary(vms.get(name="nope", namespace=namespace)))
    step(results, "listAll", lambda: sorted(i.metadata.name for i in vms.get(namespace=namespace).items))
    step(results, "listLabel", lambda: [i.metadata.name for i in vms.get(namespace=namespace, label_selector="app=web").items])
    step(results, "listField", lambda: [i.metadata.name for i in vms.get(namespace=namespace, field_selector="spec.providerRef.name=vsphere-prod").items])
    step(results, "listAllNamespaces", lambda: sorted(
        f"{i.metadata.namespace}/{i.metadata.name}" for i in vms.get(label_selector="app in (web,db)").items if i.metadata.namespace == namespace))
    step(results, "listKind", lambda: vms.get(namespace=namespace).kind)

    # A watch in a thread; the main thread changes and deletes the object once the watch has its initial event.
    events = []
    started = threading.Event()
    thread = threading.Thread(target=watch_in_thread, args=(vms, namespace, started, events), daemon=True)
    thread.start()
    results["watchStarted"] = started.wait(20)

    step(results, "mergePatch", lambda: summary(vms.patch(
        name="py-a", namespace=namespace, body={"spec": {"classRef": {"name": "large"}}},
        content_type="application/merge-patch+json")))
    step(results, "jsonPatch", lambda: summary(vms.patch(
        name="py-a", namespace=namespace, body=[{"op": "add", "path": "/metadata/labels/tier", "value": "front"}],
        content_type="application/json-patch+json")))

    def replace_stale():
        stale = vms.get(name="py-a", namespace=namespace).to_dict()
        stale["metadata"]["resourceVersion"] = results["createA"]["resourceVersion"]
        return summary(vms.replace(body=stale, namespace=namespace))

    step(results, "replaceStale", replace_stale)
    step(results, "delete", lambda: vms.delete(name="py-a", namespace=namespace).to_dict().get("kind"))
    thread.join(35)
    results["watchFinished"] = not thread.is_alive()
    results["watchEvents"] = events

    # A watch that nothing ends but its timeoutSeconds: the server must close it in time.
    begin = time.monotonic()
    try:
        short = [e["type"] for e in vms.watch(namespace=namespace, timeout=1)]
        results["timeoutWatch"] = {"seconds": round(time.monotonic() - begin, 2), "types": short}
    except Exception as error:  # noqa: BLE001 - reported to the C# test, which fails on it
        results["timeoutWatch"] = {"seconds": round(time.monotonic() - begin, 2), "types": [], "error": repr(error)}

    step(results, "getDeleted", lambda: summary(vms.get(name="py-a", namespace=namespace)))
    print(json.dumps(results, indent=2, sort_keys=True))


if __name__ == "__main__":
    main()
