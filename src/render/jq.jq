# Definitions of jq 1.6 builtins that jaq lacks or defines otherwise, read after
# jaq's own (a later definition wins). Most are jq 1.6's own definitions, from its
# src/builtin.jq; tests/jq_manual.rs runs each against real jq.

# Formats.
def @csv:
  if type != "array" then error("\(type) (\(tojson)) cannot be csv-formatted, only array")
  else map(
      if type == "string" then "\"" + (. / "\"" | join("\"\"")) + "\""
      elif type == "number" or type == "boolean" then tostring
      elif . == null then ""
      else error("\(type) (\(tojson)) is not valid in a csv row") end
    ) | join(",") end;
def @tsv:
  if type != "array" then error("\(type) (\(tojson)) cannot be tsv-formatted, only array")
  else map(
      if type == "string" then
        . / "\\" | join("\\\\") | . / "\t" | join("\\t") | . / "\n" | join("\\n") | . / "\r" | join("\\r")
      elif type == "number" or type == "boolean" then tostring
      elif . == null then ""
      else error("\(type) (\(tojson)) is not valid in a csv row") end
    ) | join("\t") end;

# Strings: null is "", other non-strings as JSON; non-strings are left alone by the trims.
def join($x): reduce .[] as $i (null;
    (if . == null then "" else . + $x end)
    + ($i | if . == null then "" elif type == "string" then . else tojson end)
  ) // "";
def ltrimstr($x):
  if type == "string" and ($x | type) == "string" and startswith($x) then .[($x | length):] else . end;
def rtrimstr($x):
  if type == "string" and ($x | type) == "string" and endswith($x) and ($x | length) > 0
  then .[:length - ($x | length)] else . end;

# Regular expressions: a [regex, flags] array, and captures named or not.
def match(re; flags): matches(re; flags)[] | .[0] + {
    captures: .[1:] | map(if has("name") then . else . + {name: null} end)
  };
def match($val): if ($val | type) == "array" then match($val[0]; $val[1] // "") else match($val; "") end;
def test($val): if ($val | type) == "array" then test($val[0]; $val[1] // "") else test($val; "") end;
def capture($val): if ($val | type) == "array" then capture($val[0]; $val[1] // "") else capture($val; "") end;

# Paths and streams: setpath makes the objects and arrays missing on its path,
# and pads an array with nulls, as jq's does.
def setpath($p; $x):
  if $p == [] then $x
  else $p[0] as $k | $p[1:] as $rest
    | if . == null then (if ($k | type) == "number" then [] else {} end) else . end
    | if type == "array" and ($k | type) == "number" and $k >= length
      then . + [range(length; $k) | null] + [null | setpath($rest; $x)]
      else .[$k] |= setpath($rest; $x) end
  end;
def leaf_paths: paths(scalars);
def recurse_down: recurse;
def tostream:
  def post: (.[]? | post), .;
  path(post) as $p | getpath($p) | reduce path(.[]?) as $q ([$p, .]; [$p + $q]);
def truncate_stream(stream):
  . as $n | null | stream | . as $input | if (.[0] | length) > $n then setpath([0]; .[0][$n:]) else empty end;

# SQL-style operators.
def INDEX(stream; idx_expr): reduce stream as $row ({}; .[$row | idx_expr | tostring] |= $row);
def INDEX(idx_expr): INDEX(.[]; idx_expr);
def IN(s): any(s == .; .);
def IN(src; s): any(src == s; .);

# Math: rounding half to even, as C's nearbyint; lgamma_r's sign.
def nearbyint:
  if . - floor == 0.5 then (if floor % 2 == 0 then floor else ceil end) else round end;
def lgamma_r: [lgamma, (if tgamma < 0 then -1 else 1 end)];

# Dates: a broken-down time too, as jq's strftime reads it.
def todateiso8601: strftime("%Y-%m-%dT%H:%M:%SZ");
def todate: todateiso8601;

# kzfp gives the program one input: there is no other to read, and no file name.
def input: error("No more inputs");
def inputs: empty;
def input_filename: null;

def fromstream(f): { x: null, e: false } as $init
  | foreach f as $i ($init;
      if .e then $init else . end
      | if $i | length == 2
        then setpath(["e"]; $i[0] | length == 0) | setpath(["x"] + $i[0]; $i[1])
        else setpath(["e"]; $i[0] | length == 1) end;
      if .e then .x else empty end
    );

# C's gamma is the logarithm of the gamma function, as jq 1.6 has it.
def gamma: lgamma;
