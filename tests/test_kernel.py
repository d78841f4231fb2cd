"""The kit's kernel (`kit._kernel`): a burst of output reaches a reader that lagged behind,
whole, and the kernel listens on no TCP port.

A page's first cell sends a message per widget and per change (thousands for the console
with its tools unfolded), and its reader, the Voilà process, may be seconds behind on a loaded
machine. With ZMQ's default cap (1,000 queued messages) the rest was dropped: on CI a console
page waited out Voilà's IOPub timeout for its lost "idle" status, and a phone lost a step
screen's widgets. The kit's kernel (`kit._kernel`, the kernel spec `kit serve` uses) and the
Voilà side (`kit._kernel.widen` on its kernel manager's context) raise the cap; here a kernel
sends a burst to a reader that reads nothing until the cell has finished, as a stalled Voilà
would, and every message arrives. The same burst through ipykernel's stock kernel and a
stock reader loses messages: what the cap is for. A stock kernel also listens on a TCP port
the system picks (its pipe for subprocesses' output), which once took the port a test's
server was about to listen on."""

from __future__ import annotations

from pathlib import Path

import psutil
import zmq
from jupyter_client import KernelManager
from jupyter_client.kernelspec import KernelSpecManager

import kit
from kit import _kernel

BURST = 20_000
KIT_SPECS = Path(kit.__file__).parent / "_jupyter" / "kernels"
CELL = f"from IPython.display import display\nfor i in range({BURST}):\n    display(i)"


def _burst(kit_kernel: bool) -> tuple[int, bool, int]:
    """How many of the burst's messages arrived, whether the cell's closing idle did, and
    how many TCP ports the kernel listens on."""
    context: zmq.Context = zmq.Context()
    if kit_kernel:
        _kernel.widen(context)
    # the kit's spec, or ipykernel's own (whatever JUPYTER_PATH says: `kit._voila_app`, once
    # imported by another test, puts the kit's first)
    specs = KernelSpecManager(kernel_dirs=[str(KIT_SPECS)] if kit_kernel else [],
                              ensure_native_kernel=not kit_kernel)
    km = KernelManager(kernel_name="python3", kernel_spec_manager=specs, context=context,
                       transport="ipc")
    assert ("kit._kernel" in km.kernel_spec.argv) == kit_kernel
    km.start_kernel()
    kc = km.client()
    try:
        kc.start_channels()
        kc.wait_for_ready(timeout=120)
        listening = sum(1 for c in psutil.Process(km.provisioner.pid).net_connections("tcp")
                        if c.status == psutil.CONN_LISTEN)
        msg_id = kc.execute(CELL)
        while kc.get_shell_msg(timeout=300)["parent_header"].get("msg_id") != msg_id:
            pass  # the reply came: the kernel has sent the whole burst by now or soon
        shown, idle = 0, False
        while not idle:
            try:
                msg = kc.get_iopub_msg(timeout=10)  # a lost idle ends the count here
            except Exception:  # noqa: BLE001 - queue.Empty: nothing more is coming
                break
            if msg["parent_header"].get("msg_id") != msg_id:
                continue
            shown += msg["msg_type"] == "display_data"
            idle = (msg["msg_type"] == "status"
                    and msg["content"]["execution_state"] == "idle")
        return shown, idle, listening
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
        context.destroy(linger=0)


def test_a_lagging_reader_gets_the_whole_burst_from_the_kits_kernel_which_holds_no_port():
    assert _burst(kit_kernel=True) == (BURST, True, 0)


def test_the_same_burst_through_the_stock_caps_loses_messages():
    shown, idle, listening = _burst(kit_kernel=False)
    assert shown < BURST or not idle
    assert listening == 1  # its pipe for subprocesses' output
