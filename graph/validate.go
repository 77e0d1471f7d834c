package graph

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/resgraph/resgraph"
	"github.com/resgraph/resgraph/graph/model"
)

// Filters and arguments that take one of a few names stay strings in the
// schema (clients send "request", "state"), but a name outside the list is
// refused with an EINVALID error that gives the list, rather than matching
// nothing: `class: "requestx"` used to answer totalCount 0. Names match
// as the queries do, ignoring case and surrounding spaces.

// The names each filter takes.
var (
	obligationClasses = names(resgraph.ClassDecision, resgraph.ClassDemand, resgraph.ClassRequest,
		resgraph.ClassAuthorization, resgraph.ClassStrongRecommend, resgraph.ClassWeakRecommend)
	actionClasses    = append(names(resgraph.ClassStance, resgraph.ClassSelf), obligationClasses...)
	obligationKinds  = names(resgraph.ActionDirective, resgraph.ActionTask)
	documentStatuses = append(names(resgraph.StatusAdopted, resgraph.StatusDraft, resgraph.StatusNotAdopted), "any")
	documentKinds    = names(resgraph.KindResolution, resgraph.KindDraftResolution, resgraph.KindPresidentialStatement)
	paragraphKinds   = names(resgraph.ParaPreambular, resgraph.ParaOperative, resgraph.ParaHeading, resgraph.ParaAnnex)
	actorTypes       = names(resgraph.ActorUNOrgan, resgraph.ActorUNOfficial, resgraph.ActorUNMission, resgraph.ActorRegionalOrg,
		resgraph.ActorInternationalOrg, resgraph.ActorState, resgraph.ActorStateGroup, resgraph.ActorArmedGroup,
		resgraph.ActorCollective, resgraph.ActorNational, resgraph.ActorMission, resgraph.ActorPerson,
		resgraph.ActorOther, resgraph.ActorUnknown)
)

func names[T ~string](vs ...T) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = string(v)
	}
	return out
}

// checkName returns an EINVALID error when v, given for the argument or
// filter field arg, is set and not one of allowed.
func checkName(arg string, v *string, allowed []string) error {
	if v == nil || *v == "" {
		return nil
	}
	got := strings.ToLower(strings.TrimSpace(*v))
	for _, a := range allowed {
		if got == a {
			return nil
		}
	}
	quoted := make([]string, len(allowed))
	for i, a := range allowed {
		quoted[i] = strconv.Quote(a)
	}
	return resgraph.Errorf(resgraph.EINVALID, "%s: %q is not one of %s", arg, *v, strings.Join(quoted, ", "))
}

var isoDate = regexp.MustCompile(`^\d{4}(-\d{2}(-\d{2})?)?$`)

// checkDates returns an EINVALID error when from or to (of the filter
// named filter) is set and not an ISO day (YYYY-MM-DD), month (YYYY-MM) or
// year (YYYY) of the calendar, or when from comes after to.
func checkDates(filter string, from, to *string) error {
	for _, d := range []struct {
		name string
		v    *string
	}{{"from", from}, {"to", to}} {
		if d.v == nil || *d.v == "" {
			continue
		}
		if _, err := time.Parse("2006-01-02", firstDay(*d.v)); err != nil || !isoDate.MatchString(*d.v) {
			return resgraph.Errorf(resgraph.EINVALID, "%s.%s: %q is not an ISO date: give a day (2012-12-20), a month (2012-12) or a year (2012)", filter, d.name, *d.v)
		}
	}
	if from != nil && to != nil && *from != "" && *to != "" && firstDay(*from) > lastDay(*to) {
		return resgraph.Errorf(resgraph.EINVALID, "%s: from %s is after to %s", filter, *from, *to)
	}
	return nil
}

// firstDay and lastDay widen a month or year to the first and last day it
// covers (lastDay only for comparing: 2012-02-31 stands for February's end).
func firstDay(d string) string {
	switch len(d) {
	case 4:
		return d + "-01-01"
	case 7:
		return d + "-01"
	}
	return d
}

func lastDay(d string) string {
	switch len(d) {
	case 4:
		return d + "-12-31"
	case 7:
		return d + "-31"
	}
	return d
}

func checkObligationFilter(f *model.ObligationFilter) error {
	if f == nil {
		return nil
	}
	for _, c := range []struct {
		arg     string
		v       *string
		allowed []string
	}{
		{"filter.class", f.Class, obligationClasses},
		{"filter.kind", f.Kind, obligationKinds},
		{"filter.status", f.Status, documentStatuses},
		{"filter.actorType", f.ActorType, actorTypes},
	} {
		if err := checkName(c.arg, c.v, c.allowed); err != nil {
			return err
		}
	}
	return checkDates("filter", f.From, f.To)
}

func checkDocumentFilter(f *model.DocumentFilter) error {
	if f == nil {
		return nil
	}
	if err := checkName("filter.kind", f.Kind, documentKinds); err != nil {
		return err
	}
	return checkDates("filter", f.From, f.To)
}

func checkNetworkFilter(f *model.NetworkFilter) error {
	if f == nil {
		return nil
	}
	for _, c := range f.Classes {
		if err := checkName("filter.classes", &c, actionClasses); err != nil {
			return err
		}
	}
	return checkDates("filter", f.From, f.To)
}
