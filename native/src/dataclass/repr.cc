/*
 * Copyright (c) 2026 The tvm-ffi-nb authors.
 * SPDX-License-Identifier: Apache-2.0
 */
/*!
 * \file repr.cc
 * \brief ReprPrint: `type_key(field=value, ...)`, `(...)` for Array, `[...]`
 *        for List, `{k: v}` for Map and Dict, `...` for a cycle.
 *
 * One depth-first walk with an explicit stack writes straight into one
 * output buffer, so the time is linear in the output: a node's text is never
 * re-concatenated into its parent's. A node reached again after it was
 * printed (a DAG) re-emits the span it occupies in the buffer instead of
 * being walked again.
 */
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include <tvm/ffi/enum.h>

#include "graph.h"
#include "small_set.h"

namespace tvm {
namespace ffi {
namespace dataclass {
namespace {

/*!
 * \brief A float as Python's repr writes it: the shortest digits that read
 * back to the same value, fixed notation for exponents in [-4, 16), else
 * scientific with a two-digit exponent ("1e-05", "1e+16").
 */
void AppendFloat(std::string* out, double d) {
  if (std::isnan(d)) {
    out->append("nan");
    return;
  }
  if (std::isinf(d)) {
    out->append(d > 0 ? "inf" : "-inf");
    return;
  }
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof(buf), d, std::chars_format::scientific);
  std::string_view sci(buf, static_cast<size_t>(res.ptr - buf));  // "-d.ddde+XX"
  size_t e_pos = sci.find('e');
  int exponent = std::atoi(std::string(sci.substr(e_pos + 1)).c_str());
  bool negative = sci[0] == '-';
  std::string digits;
  for (char c : sci.substr(negative ? 1 : 0, e_pos - (negative ? 1 : 0))) {
    if (c != '.') digits.push_back(c);
  }
  if (negative) out->push_back('-');
  if (exponent >= -4 && exponent < 16) {
    int point = exponent + 1;  // digits before the decimal point
    if (point <= 0) {
      out->append("0.");
      out->append(static_cast<size_t>(-point), '0');
      out->append(digits);
    } else if (static_cast<size_t>(point) >= digits.size()) {
      out->append(digits);
      out->append(static_cast<size_t>(point) - digits.size(), '0');
      out->append(".0");
    } else {
      out->append(digits, 0, static_cast<size_t>(point));
      out->push_back('.');
      out->append(digits, static_cast<size_t>(point), std::string::npos);
    }
    return;
  }
  out->push_back(digits[0]);
  if (digits.size() > 1) {
    out->push_back('.');
    out->append(digits, 1, std::string::npos);
  }
  char exp_buf[16];
  std::snprintf(exp_buf, sizeof(exp_buf), "e%c%02d", exponent < 0 ? '-' : '+', std::abs(exponent));
  out->append(exp_buf);
}

void AppendQuoted(std::string* out, std::string_view s, bool bytes) {
  static const char kHex[] = "0123456789abcdef";
  if (bytes) out->push_back('b');
  out->push_back('"');
  for (unsigned char c : s) {
    switch (c) {
      case '"':
        out->append("\\\"");
        break;
      case '\\':
        out->append("\\\\");
        break;
      case '\n':
        out->append("\\n");
        break;
      case '\r':
        out->append("\\r");
        break;
      case '\t':
        out->append("\\t");
        break;
      default:
        if (c < 0x20 || c == 0x7f || (bytes && c >= 0x80)) {
          out->append("\\x");
          out->push_back(kHex[c >> 4]);
          out->push_back(kHex[c & 15]);
        } else {
          out->push_back(static_cast<char>(c));
        }
    }
  }
  out->push_back('"');
}

std::string ReprWith(const TVMFFIAny& v, SmallSet<const void*>* on_stack);

class ReprPrinter {
 public:
  explicit ReprPrinter(SmallSet<const void*>* on_stack) : on_stack_(on_stack) {}
  ReprPrinter(const ReprPrinter&) = delete;
  ReprPrinter& operator=(const ReprPrinter&) = delete;
  ~ReprPrinter() {
    if (fn_scope_ != nullptr) fn_scope_->on_stack = nullptr;  // see FnRepr
  }

  std::string Run(const TVMFFIAny& root) {
    root_ = RootObject(root);
    Emit(root);
    while (!stack_.empty()) Step();
    return std::move(out_);
  }

 private:
  struct Frame {
    TVMFFIObject* obj;
    NodeKind kind;
    int64_t next;  // next child (for maps: 2 * entry + {0: key, 1: value})
    size_t start;  // where this node's text starts in out_
    bool first;    // no child printed yet
  };

  /*! \brief Prints a value, or opens a frame for an object to walk. */
  void Emit(const TVMFFIAny& v) {
    switch (KindOf(v)) {
      case NodeKind::kNone:
        out_.append("None");
        return;
      case NodeKind::kInt:
        out_.append(std::to_string(v.v_int64));
        return;
      case NodeKind::kBool:
        out_.append(v.v_int64 ? "True" : "False");
        return;
      case NodeKind::kFloat:
        AppendFloat(&out_, v.v_float64);
        return;
      case NodeKind::kStr:
        AppendQuoted(&out_, *details::AnyStringView(v), false);
        return;
      case NodeKind::kBytes:
        AppendQuoted(&out_, *details::AnyBytesView(v), true);
        return;
      case NodeKind::kOpaquePtr: {
        char buf[32];
        std::snprintf(buf, sizeof(buf), "%p", v.v_ptr);
        out_.append(buf);
        return;
      }
      default:
        break;
    }
    TVMFFIObject* obj = v.v_obj;
    // Only a shared object can be met again (see MaybeShared).
    bool shared = MaybeShared(obj, root_);
    // Checked for every object: the set holds only the current path's shared
    // (and hooked) objects, and a hook may hand back even an unshared one.
    if (on_stack_->contains(obj)) {
      out_.append("...");
      return;
    }
    if (const auto* done = shared ? done_.find(obj) : nullptr) {
      // Printed before (a DAG): copy its text. Copied through a temporary
      // since the source lives in the buffer being appended to.
      std::string again = out_.substr(done->first, done->second);
      out_.append(again);
      return;
    }
    if (const FunctionObj* hook = HookOf(obj->type_index, Hook::kRepr)) {
      size_t start = out_.size();
      pins_.PinStack(stack_.size(), [this](size_t i) { pins_.Hold(stack_[i].obj); });
      pins_.Hold(obj);
      std::string text;
      {
        // Also while unshared: a hook can hand back itself.
        ScopedEntry in_hook(on_stack_, static_cast<const void*>(obj));
        text = CheckedHookResult<std::string>(CallHook(hook, ObjectView(obj), FnRepr()),
                                              Hook::kRepr, obj->type_index, "a str");
      }
      out_.append(text);
      if (shared) done_.put(obj, {start, out_.size() - start});
      return;
    }
    NodeKind kind = KindOf(v);
    if (v.type_index == kTVMFFISentinel) {
      out_.append(obj == TVMFFIGetSentinel(kTVMFFISentinelMissing) ? "<MISSING>" : "<KWARGS>");
      return;
    }
    if (details::IsUniqueInstanceType(v.type_index)) {  // an enum variant: <type_key>.<name>
      const auto* variant =
          reinterpret_cast<const EnumObj*>(details::ObjectUnsafe::FromHeader(obj));
      out_.append(TypeKeyOf(v)).push_back('.');
      out_.append(variant->name.data(), variant->name.size());
      return;
    }
    if (kind == NodeKind::kIdentity || kind == NodeKind::kOpaque) {
      out_.append(kind == NodeKind::kOpaque ? "<" + TypeKeyOf(v) + ">" : TypeKeyOf(v));
      return;
    }
    size_t start = out_.size();
    if (kind == NodeKind::kSeq) {
      out_.push_back(obj->type_index == kTVMFFIArray ? '(' : '[');
    } else if (kind == NodeKind::kMap) {
      out_.push_back('{');
    } else {
      out_.append(details::TypeIndexToKey(obj->type_index));
      out_.push_back('(');
    }
    if (shared) on_stack_->insert(obj);
    stack_.push_back(Frame{obj, kind, 0, start, true});
  }

  /*! \brief Advances the innermost frame by one child, or closes it. */
  void Step() {
    Frame& f = stack_.back();
    TVMFFIObject* obj = f.obj;
    if (f.kind == NodeKind::kSeq) {
      const TVMFFISeqCell& c = SeqOf(obj);
      if (f.next < c.size) {
        if (!f.first) out_.append(", ");
        f.first = false;
        TVMFFIAny item = c.data[f.next++];
        Emit(item);  // may push: `f` is not used after this
        return;
      }
      if (obj->type_index == kTVMFFIArray) {
        out_.append(c.size == 1 ? ",)" : ")");
      } else {
        out_.push_back(']');
      }
    } else if (f.kind == NodeKind::kMap) {
      const TVMFFIMapCell& c = MapOf(obj);
      if (f.next < 2 * c.size) {
        int64_t entry = f.next / 2;
        bool is_key = f.next % 2 == 0;
        ++f.next;
        // Copied out: printing may run a hook that changes the map.
        if (is_key) {
          if (!f.first) out_.append(", ");
          f.first = false;
          TVMFFIAny key = c.entries[entry].key;
          Emit(key);
        } else {
          out_.append(": ");
          TVMFFIAny value = c.entries[entry].value;
          Emit(value);
        }
        return;
      }
      out_.push_back('}');
    } else {
      const std::vector<const TVMFFIFieldInfo*>& fields = FieldsOf(obj->type_index);
      while (f.next < static_cast<int64_t>(fields.size()) &&
             (fields[f.next]->flags & kTVMFFIFieldFlagReprOff)) {
        ++f.next;
      }
      if (f.next < static_cast<int64_t>(fields.size())) {
        const TVMFFIFieldInfo* field = fields[f.next++];
        if (!f.first) out_.append(", ");
        f.first = false;
        out_.append(field->name.data, field->name.size);
        out_.push_back('=');
        TVMFFIAny value = ReadField(obj, field, &keep_);
        Emit(value);
        return;
      }
      out_.push_back(')');
    }
    if (MaybeShared(obj, root_)) {
      on_stack_->erase(obj);
      done_.put(obj, {f.start, out_.size() - f.start});
    }
    stack_.pop_back();
    pins_.Popped(stack_.size());
  }

  /*!
   * \brief The `fn_repr` given to hooks, made once per printer: it prints
   * children with this run's cycle guard, so a cycle through a hook still
   * ends in "...". A hook may keep the Function past this run; by then the
   * guard is gone (the destructor clears it) and the call starts afresh.
   */
  const Function& FnRepr() {
    if (!fn_repr_.defined()) {
      fn_scope_ = std::make_shared<FnScope>(FnScope{on_stack_});
      fn_repr_ = Function::FromTyped(
          [scope = fn_scope_](AnyView child) -> String {
            if (scope->on_stack != nullptr) return String(ReprWith(*child.raw(), scope->on_stack));
            SmallSet<const void*> fresh;  // called after the run: a guard of its own
            return String(ReprWith(*child.raw(), &fresh));
          },
          "fn_repr");
    }
    return fn_repr_;
  }

  struct FnScope {
    SmallSet<const void*>* on_stack;
  };

  std::string out_;
  const TVMFFIObject* root_ = nullptr;
  std::vector<Frame> stack_;
  std::vector<Any> keep_;
  SmallMap<const void*, std::pair<size_t, size_t>> done_;
  SmallSet<const void*>* on_stack_;
  HookPins pins_;
  std::shared_ptr<FnScope> fn_scope_;
  Function fn_repr_;
};

std::string ReprWith(const TVMFFIAny& v, SmallSet<const void*>* on_stack) {
  return ReprPrinter(on_stack).Run(v);
}

}  // namespace

std::string Repr(const TVMFFIAny& value) {
  SmallSet<const void*> on_stack;
  return ReprWith(value, &on_stack);
}

}  // namespace dataclass
}  // namespace ffi
}  // namespace tvm
