"""Reads what the .NET client wrote and writes something for it to read, with the official Python client.

Usage: interop.py KUBECONFIG NAMESPACE. Prints one JSON object with what it read.
"""
import json
import sys

from kubernetes import client, config

GROUP, VERSION, PLURAL = "infra.virtrigaud.io", "v1beta1", "virtualmachines"

config.load_kube_config(config_file=sys.argv[1])
namespace = sys.argv[2]
api = client.CustomObjectsApi()

written = api.get_namespaced_custom_object(GROUP, VERSION, namespace, PLURAL, "from-dotnet")
api.create_namespaced_custom_object(GROUP, VERSION, namespace, PLURAL, {
    "apiVersion": GROUP + "/" + VERSION,
    "kind": "VirtualMachine",
    "metadata": {"name": "from-python", "labels": {"written-by": "python"}},
    "spec": {"providerRef": {"name": "libvirt"}, "classRef": {"name": "large"}, "imageRef": {"name": "debian"},
             "powerState": "Off"},
})
api.patch_namespaced_custom_object(GROUP, VERSION, namespace, PLURAL, "from-dotnet",
                                   {"metadata": {"annotations": {"seen-by": "python"}}})

print(json.dumps({
    "labels": written["metadata"].get("labels", {}),
    "classRef": written["spec"]["classRef"]["name"],
    "powerState": written["spec"].get("powerState"),
    "uid": written["metadata"]["uid"],
}))
