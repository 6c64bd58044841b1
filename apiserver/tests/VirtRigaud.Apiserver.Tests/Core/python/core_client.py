"""The official Python Kubernetes client's typed APIs (CoreV1Api, CoordinationV1Api, EventsV1Api) against the
standalone core API of the VirtRigaud API server.

Usage: /usr/bin/python3 core_client.py <kubeconfig> <namespace>

Each step records what it observed (or the error status) in one JSON object printed at the end;
PythonCoreClientTests asserts it.
"""

import base64
import datetime
import json
import sys

from kubernetes import client, config
from kubernetes.client.rest import ApiException


def api_error(error):
    try:
        body = json.loads(error.body)
    except (TypeError, ValueError):
        body = {}
    causes = (body.get("details") or {}).get("causes") or []
    return {
        "status": error.status,
        "reason": body.get("reason"),
        "message": body.get("message"),
        "fields": [c.get("field") for c in causes],
    }


def step(results, name, action):
    try:
        results[name] = action()
    except ApiException as error:
        results[name] = {"error": api_error(error)}


def main():
    kubeconfig, ns = sys.argv[1], sys.argv[2]
    config.load_kube_config(config_file=kubeconfig)
    core = client.CoreV1Api()
    coordination = client.CoordinationV1Api()
    events = client.EventsV1Api()
    results = {}

    def create_secret():
        secret = client.V1Secret(
            metadata=client.V1ObjectMeta(name="db", labels={"app": "web"}),
            string_data={"password": "s3cr3t"},
            type="Opaque",
        )
        created = core.create_namespaced_secret(ns, secret)
        return {"type": created.type, "keys": sorted(created.data.keys()), "stringData": created.string_data}

    step(results, "createSecret", create_secret)

    def read_secret():
        secret = core.read_namespaced_secret("db", ns)
        return {"password": base64.b64decode(secret.data["password"]).decode(), "labels": secret.metadata.labels}

    step(results, "readSecret", read_secret)
    step(results, "createSecretAgain", lambda: core.create_namespaced_secret(
        ns, client.V1Secret(metadata=client.V1ObjectMeta(name="db"))).metadata.name)
    step(results, "createSecretBadKey", lambda: core.create_namespaced_secret(
        ns, client.V1Secret(metadata=client.V1ObjectMeta(name="bad"), string_data={"no spaces": "x"})).metadata.name)
    step(results, "listSecrets", lambda: [s.metadata.name for s in core.list_namespaced_secret(
        ns, field_selector="type=Opaque", label_selector="app=web").items])

    step(results, "createConfigMap", lambda: core.create_namespaced_config_map(
        ns, client.V1ConfigMap(metadata=client.V1ObjectMeta(name="settings"), data={"mode": "fast"})).data)

    now = datetime.datetime(2025, 1, 1, 10, 0, 0, 123456, tzinfo=datetime.timezone.utc)

    def create_lease():
        lease = client.V1Lease(
            metadata=client.V1ObjectMeta(name="leader"),
            spec=client.V1LeaseSpec(holder_identity="py-0", lease_duration_seconds=15, acquire_time=now, renew_time=now, lease_transitions=0),
        )
        created = coordination.create_namespaced_lease(ns, lease)
        return {"holder": created.spec.holder_identity, "renewTime": created.spec.renew_time.isoformat(), "resourceVersion": created.metadata.resource_version}

    step(results, "createLease", create_lease)

    def renew_lease():
        lease = coordination.read_namespaced_lease("leader", ns)
        stale = lease.metadata.resource_version
        lease.spec.renew_time = now + datetime.timedelta(seconds=10)
        renewed = coordination.replace_namespaced_lease("leader", ns, lease)
        lease.metadata.resource_version = stale
        lease.spec.holder_identity = "py-1"
        try:
            coordination.replace_namespaced_lease("leader", ns, lease)
            conflict = None
        except ApiException as error:
            conflict = api_error(error)
        return {"renewTime": renewed.spec.renew_time.isoformat(), "conflict": conflict}

    step(results, "renewLease", renew_lease)

    def create_event():
        # With eventTime: the client's events.k8s.io/v1 model refuses events without one (as against kube-apiserver).
        event = client.CoreV1Event(
            metadata=client.V1ObjectMeta(name="vm-1.started"),
            involved_object=client.V1ObjectReference(api_version="infra.virtrigaud.io/v1beta1", kind="VirtualMachine", name="vm-1", namespace=ns),
            reason="Started",
            message="Started the machine",
            type="Normal",
            event_time=now,
            action="Start",
            reporting_component="virtrigaud.io/py-controller",
            reporting_instance="py-0",
        )
        core.create_namespaced_event(ns, event)
        seen = events.list_namespaced_event(ns, field_selector="regarding.name=vm-1").items
        return [{"name": e.metadata.name, "note": e.note, "regarding": e.regarding.kind} for e in seen]

    step(results, "createEvent", create_event)

    step(results, "createNamespace", lambda: core.create_namespace(
        client.V1Namespace(metadata=client.V1ObjectMeta(name=ns + "-made"))).status.phase)
    step(results, "listNamespaces", lambda: [n.metadata.name for n in core.list_namespace().items])

    print(json.dumps(results))


if __name__ == "__main__":
    main()
