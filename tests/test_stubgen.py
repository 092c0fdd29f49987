# Copyright (c) 2026 The tvm-ffi-nb authors.
# SPDX-License-Identifier: Apache-2.0
"""``python -m tvm_ffi.stubgen``: the type schemas it reads, the parsing of
declared types, the module it writes for the core's ``testing.`` registry
(committed next to the typecheck programs, and checked current here) and for
a plugin built with load_inline; each generated module is imported and used
in a fresh process (binding its classes would rebind the ``testing.`` types
of this one) and checked with mypy --strict and, when installed, pyright."""

from __future__ import annotations

import ast
import importlib
import importlib.util
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import tvm_ffi
import tvm_ffi.testing
from tvm_ffi import cpp
from tvm_ffi.stubgen import Selection, generate
from tvm_ffi.stubgen.schema import TypeNode, annotate, parse_function_schema, parse_type
from tvm_ffi.type_info import function_type_schema, registered_type_keys, type_info

HERE = Path(__file__).resolve().parent
TYPECHECK = HERE / "typecheck"
COMMITTED = TYPECHECK / "generated_testing_api.py"
#: The arguments the committed module was generated with (its header says so too).
TESTING_ARGS = [
    "--import",
    "tvm_ffi.testing",
    "--type-prefix",
    "testing.",
    "--func-prefix",
    "testing.",
    "--exclude",
    "testing.cpp_test.",
    "--header",
    "# Copyright (c) 2026 The tvm-ffi-nb authors.",
    "--header",
    "# SPDX-License-Identifier: Apache-2.0",
]
#: Where `import tvm_ffi` is found (an editable install is invisible to pyright).
PACKAGE_ROOT = str(Path(tvm_ffi.__file__).resolve().parent.parent)
HAS_PYRIGHT = importlib.util.find_spec("pyright") is not None


def stubgen(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tvm_ffi.stubgen", *args], capture_output=True, text=True, cwd=cwd
    )


def run_python(code: str, cwd: Path) -> str:
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=cwd)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def mypy_errors(files: list[Path], cwd: Path) -> dict[str, set[int]]:
    proc = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", *map(str, files)],
        capture_output=True,
        text=True,
        cwd=cwd,
    )
    # A missing mypy also exits 1: only a report counts.
    assert proc.returncode in (0, 1) and ("Success:" in proc.stdout or "Found " in proc.stdout), (
        proc.stdout + proc.stderr
    )
    errors: dict[str, set[int]] = {}
    for line in proc.stdout.splitlines():
        parts = line.split(":")
        if len(parts) > 2 and parts[2].strip() == "error":
            errors.setdefault(Path(parts[0]).name, set()).add(int(parts[1]))
    return errors


def pyright_errors(files: list[Path], cwd: Path) -> dict[str, set[int]]:
    config = cwd / "pyrightconfig.stubgen.json"
    config.write_text(
        json.dumps(
            {
                "typeCheckingMode": "strict",
                "pythonVersion": "3.11",
                "reportMissingModuleSource": False,
                "extraPaths": [PACKAGE_ROOT, str(cwd)],
            }
        )
    )
    proc = subprocess.run(
        [sys.executable, "-m", "pyright", "--outputjson", "-p", str(config), *map(str, files)],
        capture_output=True,
        text=True,
        cwd=cwd,
    )
    report = json.loads(proc.stdout)
    errors: dict[str, set[int]] = {}
    for diag in report["generalDiagnostics"]:
        if diag["severity"] == "error":
            line = diag["range"]["start"]["line"] + 1
            errors.setdefault(Path(diag["file"]).name, set()).add(line)
    return errors


def marked_lines(path: Path) -> set[int]:
    return {
        i
        for i, line in enumerate(path.read_text().splitlines(), 1)
        if line.rstrip().endswith("# E")
    }


# ---------------------------------------------------------------------------
# What the generator reads
# ---------------------------------------------------------------------------


def test_typed_functions_record_their_declared_types() -> None:
    assert function_type_schema(tvm_ffi.testing.add_one) == "(int) -> int"
    assert (
        function_type_schema(tvm_ffi.get_global_func("testing.map_get"))
        == "(Map<str, Any>, str) -> Any"
    )
    pair = type_info("testing.TestIntPair")
    assert [function_type_schema(m.func) for m in pair.methods if m.name == "sum"] == [
        "(testing.TestIntPair) -> int"
    ]


def test_packed_and_python_functions_declare_no_types() -> None:
    assert function_type_schema(tvm_ffi.testing.nop) is None  # def_packed
    assert function_type_schema(tvm_ffi.convert(lambda x: x)) is None
    with pytest.raises(TypeError, match="expected a Function, got int"):
        function_type_schema(3)  # type: ignore[arg-type]


def test_registered_type_keys_lists_core_and_testing_types() -> None:
    keys = registered_type_keys()
    assert (
        keys.index("ffi.Object")
        < keys.index("testing.TestObjectBase")
        < keys.index("testing.TestObjectDerived")
    )
    assert len(keys) == len(set(keys))


def test_both_spellings_of_a_declared_type_parse_alike() -> None:
    cxx = parse_type("Optional<Map<str, Array<int>>>")
    schema = parse_type("Optional[Map[str, Array[int]]]")
    assert (
        cxx
        == schema
        == TypeNode(
            "Optional", (TypeNode("Map", (TypeNode("str"), TypeNode("Array", (TypeNode("int"),)))),)
        )
    )
    assert parse_function_schema("(int, Array<str>) -> float") == (
        [TypeNode("int"), TypeNode("Array", (TypeNode("str"),))],
        TypeNode("float"),
    )
    assert parse_function_schema("() -> None") == ([], TypeNode("None"))


@pytest.mark.parametrize("text", ["Array<int", "Map<str,>", "<int>", "int>", ""])
def test_malformed_declared_types_raise_value_error(text: str) -> None:
    with pytest.raises(ValueError, match="type"):
        parse_type(text)


def test_malformed_function_schema_raises_value_error() -> None:
    with pytest.raises(ValueError, match=r"reads `\(A, B\) -> R`"):
        parse_function_schema("int -> int")


def test_annotations_read_concrete_and_accept_abstract_containers() -> None:
    def no_objects(key: str) -> str | None:
        return None

    node = parse_type("Dict<str, List<Optional<float>>>")
    assert annotate(node, no_objects, accepting=False).text == "Dict[str, List[float | None]]"
    accepted = annotate(node, no_objects, accepting=True)
    assert accepted.text == "Mapping[str, Sequence[float | None]]"
    assert accepted.needs == {"Mapping", "Sequence"}
    union = annotate(parse_type("Union[int, str, int]"), no_objects, accepting=False)
    assert union.text == "int | str"


def test_types_without_a_python_spelling_become_any_with_their_name() -> None:
    def no_objects(key: str) -> str | None:
        return None

    odd = annotate(parse_type("Array<void*>"), no_objects, accepting=False)
    assert (odd.text, odd.unsupported) == ("Array[Any]", ["void*"])
    unknown = annotate(parse_type("Map<str, not.Registered>"), no_objects, accepting=False)
    assert (unknown.text, unknown.unsupported) == ("Map[str, Any]", ["not.Registered"])
    arity = annotate(parse_type("Map<int>"), no_objects, accepting=False)
    assert (arity.text, arity.unsupported) == ("Any", ["Map<int>"])


# ---------------------------------------------------------------------------
# The committed module for the testing registry
# ---------------------------------------------------------------------------


def test_committed_testing_module_is_current() -> None:
    proc = stubgen(*TESTING_ARGS, "-o", str(COMMITTED), "--check")
    assert proc.returncode == 0, (
        f"{COMMITTED.name} is stale; regenerate it with the command in its header\n{proc.stdout}"
    )


def test_check_reports_a_stale_module_with_a_diff(tmp_path: Path) -> None:
    stale = tmp_path / "api.py"
    committed = COMMITTED.read_text()
    stale.write_text(committed.replace("def add_one(arg0: int", "def add_one(arg0: str"))
    proc = stubgen(*TESTING_ARGS, "-o", str(stale), "--check")
    assert proc.returncode == 1
    assert "-    def add_one(arg0: str, /) -> int: ..." in proc.stdout
    assert "+    def add_one(arg0: int, /) -> int: ..." in proc.stdout
    assert "is not current" in proc.stderr
    missing = stubgen(*TESTING_ARGS, "-o", str(tmp_path / "absent.py"), "--check")
    assert missing.returncode == 1 and not (tmp_path / "absent.py").exists()


def test_generation_is_deterministic_and_follows_the_registry() -> None:
    selection = Selection(type_prefixes=["testing.TestCxx"], func_prefixes=["testing.add_"])
    first = generate(selection)
    assert first == generate(selection)
    classes = [line.split("(")[0][6:] for line in first.splitlines() if line.startswith("class ")]
    # Parents first, then by key.
    assert (
        classes.index("TestCxxClassBase")
        < classes.index("TestCxxClassDerived")
        < classes.index("TestCxxClassDerivedDerived")
    )
    assert classes.index("TestCxxAutoInitParent") < classes.index("TestCxxAutoInitChild")
    assert "class TestCxxAutoInitChild(TestCxxAutoInitParent):" in first
    assert "def add_one(arg0: int, /) -> int: ..." in first
    assert "def add_float(arg0: float, arg1: float, /) -> float: ..." in first
    assert "TestIntPair" not in first and "echo" not in first


def test_types_outside_the_selection_are_named_by_their_bound_class(tmp_path: Path) -> None:
    # TestObjectBase is not selected: tvm_ffi.testing's class for it is the
    # base (imported at run time) and a field type (and no second import).
    source = generate(
        Selection(
            type_prefixes=["testing.TestObjectDerived", "testing.TestObjectPtrHolder"],
            func_prefixes=["testing.make_object_ptr_holder"],
            imports=["tvm_ffi.testing"],
        )
    )
    assert "\nimport tvm_ffi.testing\n" in source
    assert "if TYPE_CHECKING:\n    import" not in source
    assert "class TestObjectDerived(tvm_ffi.testing.TestObjectBase):" in source
    assert "    optional_value: tvm_ffi.testing.TestObjectBase | None\n" in source
    assert (
        "def make_object_ptr_holder(arg0: tvm_ffi.testing.TestObjectBase, /) "
        "-> TestObjectPtrHolder: ..."
    ) in source
    (tmp_path / "partial_api.py").write_text(source)
    out = run_python(
        "import partial_api as g, tvm_ffi.testing as t\n"
        "d = g.TestObjectDerived({'k': 1}, [2], v_i64=3)\n"
        "h = g.make_object_ptr_holder(t.TestObjectBase())\n"
        "print(isinstance(d, t.TestObjectBase), d.v_i64, type(h).__name__)\n",
        cwd=tmp_path,
    )
    assert out.split() == ["True", "3", "TestObjectPtrHolder"]
    assert mypy_errors([tmp_path / "partial_api.py"], tmp_path) == {}


def test_class_options_reach_the_decorator_and_behave(tmp_path: Path) -> None:
    source = generate(
        Selection(
            type_prefixes=["testing.TestIntPair", "testing.TestCxxClassBase", "testing.TestEnum"],
            eq=["testing.TestIntPair"],
            order=["testing.TestCxxClassBase"],
            frozen=["testing.TestIntPair"],
            unsafe_hash=["testing.TestEnumVariant"],  # an enum: ignored
            imports=["tvm_ffi.testing"],
        )
    )
    assert '@c_class("testing.TestIntPair", eq=True, frozen=True)\n' in source
    assert '@c_class("testing.TestCxxClassBase", eq=True, order=True)\n' in source
    assert 'class TestEnumVariant(Enum, type_key="testing.TestEnumVariant"):' in source
    assert "--eq testing.TestIntPair --order testing.TestCxxClassBase" in source
    (tmp_path / "options_api.py").write_text(source)
    out = run_python(
        "import dataclasses, options_api as g\n"
        "p, q = g.TestIntPair(1, 2), g.TestIntPair(1, 2)\n"
        "print(p == q, p is q, p != g.TestIntPair(1, 3))\n"
        "try:\n"
        "    p.a = 5\n"
        "except dataclasses.FrozenInstanceError:\n"
        "    print('frozen')\n"
        "print(g.TestCxxClassBase(1, 2) < g.TestCxxClassBase(1, 3))\n",
        cwd=tmp_path,
    )
    assert out.split() == ["True", "False", "True", "frozen", "True"]
    assert mypy_errors([tmp_path / "options_api.py"], tmp_path) == {}


def test_frozen_covers_subclasses_and_needs_a_frozen_base() -> None:
    source = generate(
        Selection(type_prefixes=["testing.TestCxxClass"], frozen=["testing.TestCxxClassBase"])
    )
    for name in ("Base", "Derived", "DerivedDerived"):
        assert f'@c_class("testing.TestCxxClass{name}", frozen=True)\n' in source
    with pytest.raises(ValueError, match="cannot derive from a mutable one") as info:
        generate(
            Selection(
                type_prefixes=["testing.TestCxxClass"], frozen=["testing.TestCxxClassDerived"]
            )
        )
    assert "'testing.TestCxxClassDerived'" in str(info.value)
    assert "'testing.TestCxxClassBase'" in str(info.value)
    # A base outside the selection (tvm_ffi.testing's TestObjectBase): unknown.
    with pytest.raises(ValueError, match="outside the selection"):
        generate(
            Selection(
                type_prefixes=["testing.TestObjectDerived"],
                frozen=["testing.TestObjectDerived"],
                imports=["tvm_ffi.testing"],
            )
        )


def test_a_class_option_matching_no_selected_type_is_an_error(tmp_path: Path) -> None:
    proc = stubgen(
        "--import", "tvm_ffi.testing", "--type-prefix", "testing.TestIntPair",
        "--eq", "testing.TestIntPiar", "-o", str(tmp_path / "x.py"),
    )  # fmt: skip
    assert proc.returncode == 2
    assert "--eq 'testing.TestIntPiar' matches no selected type" in proc.stderr
    assert not (tmp_path / "x.py").exists()


def test_class_options_on_the_command_line(tmp_path: Path) -> None:
    out = tmp_path / "cli_api.py"
    proc = stubgen(
        "--import", "tvm_ffi.testing", "--type-prefix", "testing.TestIntPair",
        "--order", "testing.TestIntPair", "-o", str(out),
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert '@c_class("testing.TestIntPair", eq=True, order=True)\n' in out.read_text()
    assert "--order testing.TestIntPair" in out.read_text()  # the regenerating command


def test_testing_module_works_at_run_time() -> None:
    out = run_python(
        "import generated_testing_api as g\n"
        "p = g.TestIntPair(1, 2)\n"
        "assert (p.a, p.b, p.sum()) == (1, 2, 3)\n"
        "c = g.TestCxxAutoInitChild(1, 2, child_kw_only=4)\n"
        "assert (c.parent_required, c.child_required, c.parent_default, c.child_kw_only) == "
        "(1, 2, 5, 4)\n"
        "b = g.TestObjectBase(v_str='s')\n"
        "assert (b.v_i64, b.v_f64, b.add_i64(5)) == (10, 10.0, 15)\n"
        "h = g.make_object_ptr_holder(b)\n"
        "assert type(h) is g.TestObjectPtrHolder and h.value.same_as(b)\n"
        "assert h.optional_value is None\n"
        "assert (g.add_one(1), g.concat('a', 'b'), g.sum_int_array([1, 2])) == (2, 'ab', 3)\n"
        "assert [v.name for v in g.TestEnumVariant] == ['Alpha', 'Beta']\n"
        "assert g.TestEnumVariant.Alpha is g.TestEnumVariant.get('Alpha')\n"
        "try:\n"
        "    g.TestCxxNoAutoInit()\n"
        "except TypeError as err:\n"
        "    print(err)\n",
        cwd=TYPECHECK,
    )
    assert "`testing.TestCxxNoAutoInit` cannot be constructed from Python" in out


def test_plugin_programs_type_check_as_marked(tmp_path: Path) -> None:
    # Copies: the checkers' config and caches stay out of the source tree.
    files = [
        tmp_path / p.name
        for p in (COMMITTED, TYPECHECK / "pass_plugin.py", TYPECHECK / "fail_plugin.py")
    ]
    for copy in files:
        copy.write_text((TYPECHECK / copy.name).read_text())
    want = {"fail_plugin.py": marked_lines(TYPECHECK / "fail_plugin.py")}
    assert len(want["fail_plugin.py"]) >= 10
    assert mypy_errors(files, tmp_path) == want
    if HAS_PYRIGHT:
        assert pyright_errors(files, tmp_path) == want


# ---------------------------------------------------------------------------
# A plugin: its library, its unsupported types, its exports
# ---------------------------------------------------------------------------

PLUGIN_SOURCE = r"""
namespace ffi = tvm::ffi;
namespace refl = tvm::ffi::reflection;

class ShapeObj : public ffi::Object {
 public:
  int64_t rank = 0;
  ffi::Array<int64_t> dims;
  static constexpr bool _type_mutable = true;
  TVM_FFI_DECLARE_OBJECT_INFO("stubgen_test.Shape", ShapeObj, ffi::Object);
};

class BoxObj : public ShapeObj {
 public:
  ffi::String label;
  ffi::Optional<double> weight;
  ffi::Map<ffi::String, ffi::Array<int64_t>> tags;
  ffi::ObjectPtr<ShapeObj> inner;
  void* handle = nullptr;
  static constexpr bool _type_mutable = true;
  TVM_FFI_DECLARE_OBJECT_INFO_FINAL("stubgen_test.Box", BoxObj, ShapeObj);
};

class ColorObj : public ffi::EnumObj {
 public:
  int64_t rgb = 0;
  TVM_FFI_DECLARE_OBJECT_INFO_FINAL("stubgen_test.Color", ColorObj, ffi::EnumObj);
};

int64_t Area(int64_t w, int64_t h) { return w * h; }

TVM_FFI_STATIC_INIT_BLOCK() {
  refl::ObjectDef<ShapeObj>()
      .def_rw("rank", &ShapeObj::rank)
      .def_rw("dims", &ShapeObj::dims, refl::default_(ffi::Array<int64_t>()))
      .def("volume", [](const ShapeObj* self, int64_t scale) {
        int64_t v = scale;
        for (int64_t d : self->dims) v *= d;
        return v;
      })
      .def_static("unit", [](int64_t rank) {
        auto out = ffi::make_object<ShapeObj>();
        out->rank = rank;
        return out;
      });
  refl::ObjectDef<BoxObj>()
      .def_rw("label", &BoxObj::label, refl::kw_only(true))
      .def_ro("weight", &BoxObj::weight, refl::default_(ffi::Optional<double>()))
      .def_rw("tags", &BoxObj::tags, refl::default_(ffi::Map<ffi::String, ffi::Array<int64_t>>()))
      .def_rw("inner", &BoxObj::inner, refl::default_(nullptr))
      .def_rw("handle", &BoxObj::handle, refl::default_(static_cast<void*>(nullptr)));
  refl::ObjectDef<ColorObj>(refl::init(false)).def_ro("rgb", &ColorObj::rgb);
  refl::EnumDef<ColorObj>("red").set_attr("hex", ffi::String("#f00"));
  refl::EnumDef<ColorObj>("green").set_attr("hex", ffi::String("#0f0"));
  refl::GlobalDef()
      .def("stubgen_test.scale_dims", [](ffi::Array<int64_t> dims, double k) {
        ffi::List<double> out;
        for (int64_t d : dims) out.push_back(static_cast<double>(d) * k);
        return out;
      })
      .def("stubgen_test.raw_handle", [](int64_t x) { return reinterpret_cast<void*>(x); })
      .def("stubgen_test.color", [](const ffi::String& name) {
        return ffi::EnumObj::Get<ColorObj>(name);
      });
}
"""

PLUGIN_USER = """\
from __future__ import annotations

from plugin_api import Box, Color, Shape, area, raw_handle, scale_dims

box = Box(2, [3, 4], label="b", inner=Shape(1))
volume: int = box.volume(2)
unit: Shape = Shape.unit(3)
weight: float | None = box.weight
red: Color = Color.red
rgb: int = red.rgb
halves: list[float] = list(scale_dims([1, 2], 0.5))
handle = raw_handle(0)
print(volume, unit.rank, weight, red.name, rgb, halves, area(2, 3), box.tags, handle)
scale_dims(["x"], 0.5)  # E
Box(1, [2], label=3)  # E
area(2.5, 3)  # E
box.weight = 1.0  # E
"""


@pytest.fixture(scope="module")
def plugin_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The plugin's library, with its generated module next to it."""
    if shutil.which("c++") is None:
        pytest.fail("test_stubgen needs a C++ compiler (c++) to build its plugin")
    build = tmp_path_factory.mktemp("stubgen_plugin")
    library = cpp.build_inline(
        "stubgen_plugin",
        cpp_sources=PLUGIN_SOURCE + "\nint64_t area(int64_t w, int64_t h) { return Area(w, h); }\n",
        functions=["area"],
        build_directory=str(build),
    )
    proc = stubgen(
        str(library), "--export", "area", "-o", str(Path(library).with_name("plugin_api.py"))
    )
    assert proc.returncode == 0, proc.stderr
    return Path(library).parent


def test_plugin_module_declares_what_the_library_registered(plugin_dir: Path) -> None:
    source = (plugin_dir / "plugin_api.py").read_text()
    assert '@c_class("stubgen_test.Box")\nclass Box(Shape):' in source
    assert 'class Color(Enum, type_key="stubgen_test.Color"):' in source
    assert "    red: ClassVar[Color]\n    green: ClassVar[Color]\n" in source
    assert "    rgb: int\n" in source
    assert "    dims: Array[int]\n" in source
    assert "    tags: Map[str, Array[int]]\n" in source
    assert "    inner: Shape | None\n" in source
    # Read-only: a property for the checkers.
    assert "        @property\n        def weight(self) -> float | None: ..." in source
    # A constructor from the fields: parents' first, keyword-only last.
    assert (
        "rank: int,\n            dims: Sequence[int] = ...,\n"
        "            weight: float | None = None,\n"
    ) in source
    assert "            *,\n            label: str,\n" in source
    assert "def volume(self, arg0: int, /) -> int: ..." in source
    assert "@staticmethod\n        def unit(arg0: int, /) -> Shape: ..." in source
    assert "def scale_dims(arg0: Sequence[int], arg1: float, /) -> List[float]: ..." in source
    # EnumObj::Get<ColorObj> returns the base reference: typed as C++ declares it.
    assert "def color(arg0: str, /) -> Enum: ..." in source
    assert 'area = _LIBRARY.get_function("area")' in source
    assert '_LIBRARY = load_module(Path(__file__).with_name("' in source


def test_plugin_unsupported_types_are_any_with_the_cxx_type(plugin_dir: Path) -> None:
    source = (plugin_dir / "plugin_api.py").read_text()
    assert "    # `void*` has no Python type here; typed Any\n" in source
    assert "    handle: Any\n" in source
    assert (
        "    # result: `void*` has no Python type here; typed Any\n"
        "    def raw_handle(arg0: int, /) -> Any: ..."
    ) in source
    assert "# handle: `void*` has no Python type here; typed Any" in source


def test_plugin_module_works_at_run_time(plugin_dir: Path) -> None:
    user = plugin_dir / "plugin_user.py"
    user.write_text(
        "\n".join(line for line in PLUGIN_USER.splitlines() if not line.endswith("# E")) + "\n"
    )
    out = run_python("import plugin_user", cwd=plugin_dir)
    assert out.split()[:6] == ["24", "3", "None", "red", "0", "[0.5,"]
    assert out.split()[7:9] == ["6", "{}"]


def test_plugin_module_and_its_user_type_check(plugin_dir: Path) -> None:
    user = plugin_dir / "plugin_user_checked.py"
    user.write_text(PLUGIN_USER)
    files = [plugin_dir / "plugin_api.py", user]
    want = {user.name: marked_lines(user)}
    assert mypy_errors(files, plugin_dir) == want
    if HAS_PYRIGHT:
        assert pyright_errors(files, plugin_dir) == want


# ---------------------------------------------------------------------------
# Bad input
# ---------------------------------------------------------------------------


def test_a_selection_matching_nothing_is_an_error(tmp_path: Path) -> None:
    out = tmp_path / "api.py"
    proc = stubgen("--type-prefix", "no_such_prefix.", "-o", str(out))
    assert proc.returncode == 2 and not out.exists()
    assert "--type-prefix no_such_prefix." in proc.stderr and "matches no registered" in proc.stderr


def test_an_export_needs_a_library_and_must_exist(tmp_path: Path, plugin_dir: Path) -> None:
    no_library = stubgen("--export", "area", "-o", str(tmp_path / "a.py"))
    assert no_library.returncode == 2 and "give its path" in no_library.stderr
    library = next(plugin_dir.glob("*.so"))
    missing = stubgen(str(library), "--export", "volume_of", "-o", str(tmp_path / "b.py"))
    assert missing.returncode == 2 and "exports no function `volume_of`" in missing.stderr


def test_a_missing_library_is_an_error(tmp_path: Path) -> None:
    proc = stubgen(str(tmp_path / "libabsent.so"), "-o", str(tmp_path / "a.py"))
    assert proc.returncode == 2 and "libabsent.so" in proc.stderr
    assert not (tmp_path / "a.py").exists()


def test_names_are_written_as_literals_and_identifiers() -> None:
    # A registered name may hold any character: in generated code it is a
    # string literal, in a comment or docstring one harmless line, and as a
    # Python name only ASCII identifier characters.
    model = importlib.import_module("tvm_ffi.stubgen.model")
    render = importlib.import_module("tvm_ffi.stubgen.render")  # the package exports a render()

    hostile = 'a"b\\c\n"""); import os  #'
    assert ast.literal_eval(render._literal(hostile)) == hostile
    text = render._in_text(hostile)
    assert "\n" not in text and "\\" not in text and '"""' not in text
    assert model.python_name("x\u00b2y").isidentifier() and model.python_name("x\u00b2y").isascii()
    assert model.python_name("class") == "class_" and model.python_name("1st") == "_1st"
