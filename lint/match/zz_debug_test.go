package match_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/replylint/replylint/lint/match"
	"github.com/replylint/replylint/lint/text"
)

const typicalReply = `Hi Maria,

I'm really sorry that the coffee grinder arrived with a cracked lid. I understand how disappointing that is after waiting a week for it.

I have checked your order 112-3456789-1234567 and I will take care of this today. I can send you a new grinder by express delivery at no cost, or refund the full amount of $49.99 to your original payment method right away. If you would like to send the damaged one back, the prepaid return label is available in your Amazon orders page, and you can follow the new parcel with the tracking link once it ships.

Would you prefer the replacement or the full refund?

Best regards,
Tom
Customer Care, Brightmill Kitchen`

func TestZZDebug(t *testing.T) {
	blocks, _ := builtinBlocks(t)
	ix := match.NewIndex()
	for round := 0; round < 3; round++ {
		n := text.Normalize(typicalReply)
		ix.Attach(n, "en")
		match.Debug = round == 2
		for _, b := range blocks {
			start := time.Now()
			for i := 0; i < 100; i++ {
				n2 := *n
				b.set.FindAll("en", &n2)
			}
			if round == 2 {
				fmt.Printf("%-40s %v\n", b.name, time.Since(start)/100)
			}
		}
	}
}
