package message

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestGreetingPrefix(t *testing.T) {
	tests := []struct {
		name, line, rest string
	}{
		{"plain sentence", "The parcel left on Monday.", "The parcel left on Monday."},
		{"inline greeting", "Hi Sara, the parcel left on Monday.", "the parcel left on Monday."},
		{"exclamation", "Hello! The parcel left on Monday.", "The parcel left on Monday."},
		{"reply handle", "@buyer42 The parcel left on Monday.", "The parcel left on Monday."},
		{"handles and greeting", "@shop @buyer42 Hey Sara, sorry about that.", "sorry about that."},
		{"german", "Hallo Frau Weber, das Paket ist unterwegs.", "das Paket ist unterwegs."},
		{"accented greeting", "Buenos días Ana, el paquete está en camino.", "el paquete está en camino."},
		{"greeting word inside a sentence", "Hiking boots are back in stock.", "Hiking boots are back in stock."},
		{"greeting without a clause end", "Hello there and thanks for waiting for the new batch of boots", "Hello there and thanks for waiting for the new batch of boots"},
		{"greeting alone", "Hi Sara,", "Hi Sara,"},
		{"only a handle", "@buyer42", "@buyer42"},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := GreetingPrefix(tt.line, nil, "en")
			assert.Equal(t, tt.rest, tt.line[n:])
		})
	}
}
