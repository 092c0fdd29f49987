# Copyright (c) 2026 The tvm-ffi-nb authors.
# SPDX-License-Identifier: Apache-2.0
"""Known mistakes with enums: each `# E` line must be rejected."""

from __future__ import annotations

from typing import ClassVar

from tvm_ffi.dataclasses import Enum, entry


class Activation(Enum, type_key="typing.fail.Activation"):
    output_zero: bool

    relu: ClassVar[Activation] = entry(output_zero=True)


flag: str = Activation.relu.output_zero  # E
ordinal: str = Activation.relu.value  # E
Activation.relu.missing  # E
Activation.get(1)  # E
Activation.def_attr("cost", default=0, extra=1)  # E
Activation.relu.value = 3  # E
Activation.relu.name = "x"  # E


class Color(Enum, type_key="typing.fail.Color"):
    red: ClassVar[Color] = entry()
    green: ClassVar[Color]


Color.purple  # E
Color.get("red").output_zero  # E
colour: Activation = Color.red  # E
cost = Activation.def_attr("cost", default=0)
cost[Activation.relu] = "high"  # E
cost[Color.red] = 1  # E
text: str = cost[Activation.relu]  # E
by_name: dict[str, Color] = Color.by_name  # E
Color.by_name["red"].missing  # E
Activation.by_value[0] = Color.red  # E
