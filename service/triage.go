package service

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"sync"
	"time"

	"github.com/replylint/replylint/lint/triage"
)

// TriageRequest is the body of POST /v1/triage: buyer messages in the
// shape of a JSON inbox export (id, channel, received, text, orderValue,
// repeatBuyer), the time to count deadlines from (RFC 3339; the server's
// clock when empty) and whether to add reply skeletons.
type TriageRequest struct {
	Messages  []json.RawMessage `json:"messages"`
	Now       string            `json:"now"`
	Skeletons bool              `json:"skeletons"`
}

// maxTriageMessages bounds one request: a helpdesk asks about its open
// tickets, not its archive.
const maxTriageMessages = 1000

// triager is built on the first triage request and then shared.
type triagerOnce struct {
	once sync.Once
	tr   *triage.Triager
	err  error
}

func (t *triagerOnce) get() (*triage.Triager, error) {
	t.once.Do(func() { t.tr, t.err = triage.New(triage.Config{}) })
	return t.tr, t.err
}

func (s *Service) triage(r *http.Request) (any, error) {
	var req TriageRequest
	if err := decodeJSON(r, &req); err != nil {
		return nil, err
	}
	if len(req.Messages) == 0 {
		return nil, &Error{Status: http.StatusBadRequest, Message: "messages: give at least one buyer message"}
	}
	if len(req.Messages) > maxTriageMessages {
		return nil, &Error{Status: http.StatusRequestEntityTooLarge, Message: fmt.Sprintf("messages: at most %d per request, got %d", maxTriageMessages, len(req.Messages))}
	}
	now := time.Now()
	if req.Now != "" {
		t, err := triage.ParseTime(req.Now)
		if err != nil {
			return nil, &Error{Status: http.StatusBadRequest, Message: fmt.Sprintf("now: %v", err)}
		}
		now = t
	}
	// The messages are read as a JSON export is: the same fields and
	// checks (an error's line:col points into the messages array).
	export, err := json.Marshal(req.Messages)
	if err != nil {
		return nil, &Error{Status: http.StatusBadRequest, Message: fmt.Sprintf("messages: %v", err)}
	}
	msgs, err := triage.ReadMessages("messages.json", bytes.NewReader(export))
	if err != nil {
		return nil, &Error{Status: http.StatusBadRequest, Message: err.Error()}
	}
	tr, err := s.triager.get()
	if err != nil {
		return nil, fmt.Errorf("triage rules: %w", err)
	}
	results := tr.Triage(msgs, now)
	var skeletons map[string]string
	if req.Skeletons {
		skeletons = make(map[string]string, len(results))
		for _, res := range results {
			skeletons[res.ID] = tr.Skeleton(res)
		}
	}
	var out bytes.Buffer
	if err := triage.WriteJSON(&out, results, skeletons); err != nil {
		return nil, fmt.Errorf("triage report: %w", err)
	}
	return json.RawMessage(out.Bytes()), nil
}
