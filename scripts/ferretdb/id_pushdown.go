// Our addition to FerretDB v1.24.2 (SQLite backend), installed by scripts/install-ferretdb.mjs:
// filters on `_id` that SQLite can answer from an index instead of a scan of the whole table.
//
//   - `_id: <string or ObjectId>` alongside other conditions: that one row (the other conditions
//     are still applied by the handler afterwards);
//   - `_id: {$in: [<strings or ObjectIds>]}`: those rows;
//   - `_id: {$gt|$gte|$lt|$lte: <string>}` (any combination): a range of the `->>'$._id'` index
//     that every new collection gets, restricted to string ids, and when that is the whole filter
//     and the sort is `{_id: 1}` or `{_id: -1}`, also ORDER BY and LIMIT. SQLite compares text
//     bytewise, which is MongoDB's order for strings (no collation), so the first N rows SQLite
//     returns are exactly MongoDB's first N.
//
// Everything the handler does afterwards (filter, sort, limit in memory) still runs, so the
// pushdown only ever narrows what is read; it never decides what matches.

package sqlite

import (
	"fmt"
	"strings"

	"github.com/FerretDB/FerretDB/internal/backends/sqlite/metadata"
	"github.com/FerretDB/FerretDB/internal/handler/sjson"
	"github.com/FerretDB/FerretDB/internal/types"
	"github.com/FerretDB/FerretDB/internal/util/must"
)

// idTextColumn is the `_id` as SQL text; for string ids it is the string itself.
const idTextColumn = metadata.DefaultColumn + "->>'$._id'"

// idPushdownResult is what could be pushed down from a filter.
type idPushdownResult struct {
	where  string
	args   []any
	whole  bool // the filter has no condition besides the pushed-down `_id` one
	ranged bool // the condition is a string range (with or without $in)
}

var idRangeOperators = map[string]string{"$gt": ">", "$gte": ">=", "$lt": "<", "$lte": "<="}

func idPushdown(filter *types.Document) idPushdownResult {
	if filter == nil || !filter.Has("_id") {
		return idPushdownResult{}
	}

	whole := filter.Len() == 1
	v, _ := filter.Get("_id")

	switch v := v.(type) {
	case string, types.ObjectID:
		return idPushdownResult{
			where: fmt.Sprintf(` WHERE %s = ?`, metadata.IDColumn),
			args:  []any{string(must.NotFail(sjson.MarshalSingleValue(v)))},
			whole: whole,
		}
	case *types.Document:
		return idOperatorsPushdown(v, whole)
	}

	return idPushdownResult{}
}

func idOperatorsPushdown(ops *types.Document, whole bool) idPushdownResult {
	if ops.Len() == 0 {
		return idPushdownResult{}
	}

	var conditions []string
	var args []any
	ranged := false

	for _, op := range ops.Keys() {
		value := must.NotFail(ops.Get(op))

		if op == "$in" {
			values, ok := value.(*types.Array)
			if !ok || values.Len() == 0 || values.Len() > 10_000 {
				return idPushdownResult{}
			}

			placeholders := make([]string, values.Len())
			for i := 0; i < values.Len(); i++ {
				switch id := must.NotFail(values.Get(i)).(type) {
				case string, types.ObjectID:
					placeholders[i] = "?"
					args = append(args, string(must.NotFail(sjson.MarshalSingleValue(id))))
				default:
					return idPushdownResult{}
				}
			}

			conditions = append(conditions, fmt.Sprintf("%s IN (%s)", metadata.IDColumn, strings.Join(placeholders, ", ")))

			continue
		}

		sqlOp, ok := idRangeOperators[op]
		if !ok {
			return idPushdownResult{}
		}

		bound, ok := value.(string)
		if !ok {
			return idPushdownResult{}
		}

		conditions = append(conditions, fmt.Sprintf("%s %s ?", idTextColumn, sqlOp))
		args = append(args, bound)
		ranged = true
	}

	if ranged {
		// MongoDB compares a string bound with string ids only.
		conditions = append(conditions, fmt.Sprintf("json_type(%s, '$._id') = 'text'", metadata.DefaultColumn))
	}

	return idPushdownResult{
		where:  " WHERE " + strings.Join(conditions, " AND "),
		args:   args,
		whole:  whole,
		ranged: ranged,
	}
}

// idOrderBy is the ORDER BY for an `_id` sort over string ids.
func idOrderBy(direction int64) string {
	if direction < 0 {
		return fmt.Sprintf(" ORDER BY %s DESC", idTextColumn)
	}

	return fmt.Sprintf(" ORDER BY %s", idTextColumn)
}
