"""A pure-Python subset of pydantic 2 for leerlab in the browser (Pyodide has no pydantic-core).

Covers what leerlab's models use: ``BaseModel`` with annotated fields, ``Field`` (default,
default_factory, ge/gt/le/lt, min_length/max_length, pattern), ``ConfigDict(extra=...)``,
``model_validator`` (before/after), ``field_validator``, ``model_validate``, ``model_dump``,
``model_fields`` and ``ValidationError.errors()`` with pydantic's error types, so leerlab's
Dutch messages stay the same. Lax coercion as pydantic's: "3" → 3 for an int, 2.0 → 2.
"""

from __future__ import annotations

import datetime as _dt
import re
import types
import typing
from typing import Any, Literal, Union

__all__ = [
    "BaseModel",
    "ConfigDict",
    "Field",
    "ValidationError",
    "field_validator",
    "model_validator",
]
VERSION = "2.0.0+leerlab.lite"
_MISSING: Any = object()


class ValidationError(ValueError):
    def __init__(self, title: str, errors: list[dict[str, Any]]):
        self.title = title
        self._errors = errors
        super().__init__(self.__str__())

    def errors(self) -> list[dict[str, Any]]:
        return list(self._errors)

    def error_count(self) -> int:
        return len(self._errors)

    def __str__(self) -> str:
        lines = [f"{len(self._errors)} validation error(s) for {self.title}"]
        for e in self._errors:
            lines.append(".".join(str(p) for p in e["loc"]) or "(root)")
            lines.append(f"  {e['msg']} [type={e['type']}]")
        return "\n".join(lines)


class _Invalid(Exception):
    def __init__(self, errors: list[dict[str, Any]]):
        self.errors = errors


def _err(kind: str, msg: str, value: Any, loc: tuple = (), ctx: dict | None = None) -> _Invalid:
    error: dict[str, Any] = {"type": kind, "loc": loc, "msg": msg, "input": value}
    if ctx:
        error["ctx"] = ctx
    return _Invalid([error])


class FieldInfo:
    def __init__(self, default: Any = _MISSING, *, default_factory: Any = None, **constraints: Any):
        self.default = default
        self.default_factory = default_factory
        self.constraints = {k: v for k, v in constraints.items() if v is not None}
        self.annotation: Any = None

    def is_required(self) -> bool:
        return self.default is _MISSING and self.default_factory is None

    def get_default(self) -> Any:
        if self.default_factory is not None:
            return self.default_factory()
        return self.default


def Field(default: Any = _MISSING, *, default_factory: Any = None, **constraints: Any) -> Any:  # noqa: N802
    constraints.pop("description", None)
    constraints.pop("title", None)
    return FieldInfo(default, default_factory=default_factory, **constraints)


def ConfigDict(**settings: Any) -> dict[str, Any]:  # noqa: N802
    return dict(settings)


def model_validator(*, mode: str) -> Any:
    def mark(func: Any) -> Any:
        target = func.__func__ if isinstance(func, classmethod | staticmethod) else func
        target.__leerlab_model_validator__ = mode
        return func

    return mark


def field_validator(*names: str, mode: str = "after") -> Any:
    def mark(func: Any) -> Any:
        target = func.__func__ if isinstance(func, classmethod | staticmethod) else func
        target.__leerlab_field_validator__ = (names, mode)
        return func

    return mark


_TRUE = {"true", "1", "yes", "on", "t", "y"}
_FALSE = {"false", "0", "no", "off", "f", "n"}


def _check_constraints(value: Any, info: FieldInfo | None) -> None:
    if info is None:
        return
    c = info.constraints
    bounds = (
        ("ge", "greater_than_equal", lambda v, b: v >= b, "greater than or equal to"),
        ("gt", "greater_than", lambda v, b: v > b, "greater than"),
        ("le", "less_than_equal", lambda v, b: v <= b, "less than or equal to"),
        ("lt", "less_than", lambda v, b: v < b, "less than"),
    )
    for key, kind, ok, words in bounds:
        if key in c and isinstance(value, int | float) and not ok(value, c[key]):
            raise _err(kind, f"Input should be {words} {c[key]}", value, ctx={key: c[key]})
    if isinstance(value, str | list | tuple | dict | set):
        text = isinstance(value, str)
        if "min_length" in c and len(value) < c["min_length"]:
            kind = "string_too_short" if text else "too_short"
            raise _err(kind, f"Value should have at least {c['min_length']} items", value,
                       ctx={"min_length": c["min_length"]})  # fmt: skip
        if "max_length" in c and len(value) > c["max_length"]:
            kind = "string_too_long" if text else "too_long"
            raise _err(kind, f"Value should have at most {c['max_length']} items", value,
                       ctx={"max_length": c["max_length"]})  # fmt: skip
    if "pattern" in c and isinstance(value, str) and not re.search(c["pattern"], value):
        raise _err("string_pattern_mismatch", f"String should match pattern '{c['pattern']}'",
                   value, ctx={"pattern": c["pattern"]})  # fmt: skip


def _validate(tp: Any, value: Any) -> Any:
    """``value`` as type ``tp`` (lax mode), or _Invalid with pydantic's error type."""
    if tp is Any or tp is object or tp is None and value is None:
        return value
    if tp is type(None):
        if value is None:
            return None
        raise _err("none_required", "Input should be None", value)
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin is typing.Annotated:
        return _validate(args[0], value)
    if origin in (Union, types.UnionType):
        if value is None and type(None) in args:
            return None
        errors: list[dict[str, Any]] = []
        for option in args:
            if option is type(None):
                continue
            try:
                return _validate(option, value)
            except _Invalid as exc:
                errors.extend(exc.errors)
        raise _Invalid(errors[:1] or [{"type": "union", "loc": (), "msg": "no match", "input": value}])
    if origin is Literal:
        if value in args:
            return next(a for a in args if a == value)
        expected = " or ".join(repr(a) for a in args)
        raise _err("literal_error", f"Input should be {expected}", value, ctx={"expected": expected})
    if origin in (list, tuple, set, frozenset) or tp in (list, tuple, set):
        kind = origin or tp
        if not isinstance(value, list | tuple | set | frozenset):
            raise _err(f"{kind.__name__}_type", f"Input should be a valid {kind.__name__}", value)
        if kind is tuple and args and not (len(args) == 2 and args[1] is Ellipsis):
            item_types = list(args)
            if len(value) != len(item_types):
                raise _err("tuple_type", "Input should be a valid tuple", value)
        else:
            item_types = [args[0] if args else Any] * len(value)
        items, errors = [], []
        for index, (item_tp, item) in enumerate(zip(item_types, value, strict=False)):
            try:
                items.append(_validate(item_tp, item))
            except _Invalid as exc:
                errors += [{**e, "loc": (index, *e["loc"])} for e in exc.errors]
        if errors:
            raise _Invalid(errors)
        return kind(items)
    if origin is dict or tp is dict or origin in (typing.Mapping, __import__("collections.abc").abc.Mapping):
        if not isinstance(value, dict):
            raise _err("dict_type", "Input should be a valid dictionary", value)
        key_tp, value_tp = args if args else (Any, Any)
        out, errors = {}, []
        for key, item in value.items():
            try:
                out[_validate(key_tp, key)] = _validate(value_tp, item)
            except _Invalid as exc:
                errors += [{**e, "loc": (key, *e["loc"])} for e in exc.errors]
        if errors:
            raise _Invalid(errors)
        return out
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        if isinstance(value, tp):
            return value
        if not isinstance(value, dict):
            raise _err("model_type", f"Input should be a valid dictionary or instance of {tp.__name__}", value)
        return tp._validate_dict(value)
    if tp is bool:
        if isinstance(value, bool):
            return value
        if isinstance(value, int | float) and value in (0, 1):
            return bool(value)
        if isinstance(value, str) and value.strip().lower() in _TRUE | _FALSE:
            return value.strip().lower() in _TRUE
        kind = "bool_parsing" if isinstance(value, str | int | float) else "bool_type"
        raise _err(kind, "Input should be a valid boolean", value)
    if tp is int:
        if isinstance(value, bool):
            return int(value)
        if isinstance(value, int):
            return value
        if isinstance(value, float):
            if value.is_integer():
                return int(value)
            raise _err("int_from_float", "Input should be a valid integer, got a number with a fractional part", value)
        if isinstance(value, str):
            try:
                return int(value.strip())
            except ValueError:
                try:
                    number = float(value.strip())
                except ValueError:
                    number = None
                if number is not None and number.is_integer():
                    return int(number)
                raise _err("int_parsing", "Input should be a valid integer, unable to parse string as an integer", value) from None
        raise _err("int_type", "Input should be a valid integer", value)
    if tp is float:
        if isinstance(value, int | float):
            return float(value)
        if isinstance(value, str):
            try:
                return float(value.strip())
            except ValueError:
                raise _err("float_parsing", "Input should be a valid number, unable to parse string as a number", value) from None
        raise _err("float_type", "Input should be a valid number", value)
    if tp is str:
        if isinstance(value, str):
            return value
        raise _err("string_type", "Input should be a valid string", value)
    if tp is _dt.date:
        if isinstance(value, _dt.datetime):
            return value.date()
        if isinstance(value, _dt.date):
            return value
        if isinstance(value, str):
            try:
                return _dt.date.fromisoformat(value.strip())
            except ValueError:
                raise _err("date_from_datetime_parsing", "Input should be a valid date", value) from None
        raise _err("date_type", "Input should be a valid date", value)
    if isinstance(tp, type):
        if isinstance(value, tp):
            return value
        try:
            return tp(value)
        except Exception:  # noqa: BLE001 - e.g. an Enum or Path from its text
            raise _err("is_instance_of", f"Input should be an instance of {tp.__name__}", value) from None
    return value


class BaseModel:
    model_config: dict[str, Any] = {}
    model_fields: dict[str, FieldInfo] = {}
    __leerlab_ready__ = False

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls.__leerlab_ready__ = False
        fields: dict[str, FieldInfo] = {}
        for base in reversed(cls.__mro__[1:]):
            fields.update(getattr(base, "__leerlab_fields__", {}))
        for name in cls.__dict__.get("__annotations__", {}):
            annotation = cls.__dict__["__annotations__"][name]
            if name.startswith("_") or name == "model_config" or "ClassVar" in str(annotation):
                continue
            default = cls.__dict__.get(name, _MISSING)
            info = default if isinstance(default, FieldInfo) else FieldInfo(default)
            fields[name] = info
            if name in cls.__dict__:
                delattr(cls, name)
        cls.__leerlab_fields__ = fields
        cls.model_fields = fields

    @classmethod
    def _prepare(cls) -> None:
        if cls.__leerlab_ready__:
            return
        hints = typing.get_type_hints(cls, include_extras=True)
        for name, info in cls.__leerlab_fields__.items():
            info.annotation = hints.get(name, Any)
        before, after, per_field = [], [], {}
        for klass in reversed(cls.__mro__):
            for attr in vars(klass).values():
                func = attr.__func__ if isinstance(attr, classmethod | staticmethod) else attr
                mode = getattr(func, "__leerlab_model_validator__", None)
                if mode == "before":
                    before.append(attr)
                elif mode in ("after", "wrap"):
                    after.append(func)
                marks = getattr(func, "__leerlab_field_validator__", None)
                if marks:
                    for field_name in marks[0]:
                        per_field.setdefault(field_name, []).append(attr)
        cls.__leerlab_before__ = before
        cls.__leerlab_after__ = after
        cls.__leerlab_per_field__ = per_field
        cls.__leerlab_ready__ = True

    @classmethod
    def _validate_dict(cls, data: Any) -> Any:
        cls._prepare()
        for validator in cls.__leerlab_before__:
            func = validator.__get__(None, cls)
            try:
                data = func(data)
            except (ValueError, AssertionError) as exc:
                raise _err("value_error", f"Value error, {exc}", data, ctx={"error": exc}) from None
        if isinstance(data, cls):
            return data
        if not isinstance(data, dict):
            raise _err("model_type", f"Input should be a valid dictionary or instance of {cls.__name__}", data)
        values: dict[str, Any] = {}
        errors: list[dict[str, Any]] = []
        for name, info in cls.__leerlab_fields__.items():
            if name not in data:
                if info.is_required():
                    errors.append({"type": "missing", "loc": (name,), "msg": "Field required", "input": data})
                else:
                    values[name] = info.get_default()
                continue
            try:
                value = _validate(info.annotation, data[name])
                _check_constraints(value, info)
                for validator in cls.__leerlab_per_field__.get(name, []):
                    func = validator.__get__(None, cls)
                    try:
                        value = func(value)
                    except (ValueError, AssertionError) as exc:
                        raise _err("value_error", f"Value error, {exc}", data[name], ctx={"error": exc}) from None
                values[name] = value
            except _Invalid as exc:
                errors += [{**e, "loc": (name, *e["loc"])} for e in exc.errors]
        if cls.model_config.get("extra") == "forbid":
            for name in data:
                if name not in cls.__leerlab_fields__:
                    errors.append({"type": "extra_forbidden", "loc": (name,), "msg": "Extra inputs are not permitted", "input": data[name]})
        if errors:
            raise _Invalid(errors)
        obj = cls.__new__(cls)
        object.__setattr__(obj, "__dict__", values)
        for validator in cls.__leerlab_after__:
            try:
                result = validator(obj)
            except (ValueError, AssertionError) as exc:
                raise _err("value_error", f"Value error, {exc}", data, ctx={"error": exc}) from None
            obj = result if result is not None else obj
        return obj

    def __init__(self, **data: Any) -> None:
        try:
            obj = type(self)._validate_dict(data)
        except _Invalid as exc:
            raise ValidationError(type(self).__name__, exc.errors) from None
        object.__setattr__(self, "__dict__", obj.__dict__)

    @classmethod
    def model_validate(cls, obj: Any) -> Any:
        try:
            return cls._validate_dict(obj)
        except _Invalid as exc:
            raise ValidationError(cls.__name__, exc.errors) from None

    def model_dump(self, *, exclude: Any = None, **_: Any) -> dict[str, Any]:
        skip = set(exclude or ())
        return {k: _dump(v) for k, v in self.__dict__.items() if k not in skip and k in self.model_fields}

    def model_copy(self, *, update: dict[str, Any] | None = None, deep: bool = False) -> Any:
        import copy

        obj = copy.copy(self)
        values = copy.deepcopy(self.__dict__) if deep else dict(self.__dict__)
        values.update(update or {})
        object.__setattr__(obj, "__dict__", values)
        return obj

    @classmethod
    def model_json_schema(cls) -> dict[str, Any]:
        raise NotImplementedError("model_json_schema is not part of leerlab's browser subset")

    def __eq__(self, other: object) -> bool:
        return type(self) is type(other) and self.__dict__ == other.__dict__

    def __repr__(self) -> str:
        inner = ", ".join(f"{k}={v!r}" for k, v in self.__dict__.items())
        return f"{type(self).__name__}({inner})"

    __hash__ = None  # type: ignore[assignment]


def _dump(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return value.model_dump()
    if isinstance(value, list | tuple):
        return type(value)(_dump(v) for v in value)
    if isinstance(value, dict):
        return {k: _dump(v) for k, v in value.items()}
    return value
