package loader

import "testing"

func TestLeadPhrase(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Recalling its resolutions 2056 (2012)", "Recalling"},
		{"Bearing in mind the Charter", "Bearing in mind"},
		{"Decides to authorize", "Decides"},
		{"Calls upon all parties", "Calls upon"},
		{"Calls on Member States", "Calls on"},
		{"Further requests the Secretary-General", "Further requests"},
		{"Strongly condemns the", "Strongly condemns"},
		{"Condemning strongly the continued", "Condemning strongly"},
		{"Reiterates its demand that", "Reiterates its demand"},
		{"Expresses its deep concern at", "Expresses its deep concern"},
		{"Deeply concerned by the", "Deeply concerned"},
		{"Mindful of its primary responsibility", "Mindful"},
		{"Noting with concern the", "Noting with concern"},
		{"Taking note of the final", "Taking note"},
		{"Taking note with appreciation of the", "Taking note with appreciation"},
		{"Remaining seriously concerned over", "Remaining seriously concerned"},
		{"Welcomes and encourages the", "Welcomes and encourages"},
		{"Recalling also the letter", "Recalling also"},
		{"Decides further that", "Decides further"},
		{"Acting under Chapter VII of the Charter", "Acting"},
		{"Having considered the report", "Having considered"},
		{"Looks forward to", "Looks forward"},
		{"Pays tribute to", "Pays tribute"},
		{"Emphasizing that the situation", "Emphasizing"},
		{"Expressing grave concern at", "Expressing grave concern"},
		{"Reiterating that", "Reiterating"},
		{"Calls once again upon", "Calls once again upon"},
		{"Decides to remain seized", "Decides"},
		{"Takes note", "Takes note"},
		{"Urges,", "Urges"},
		{"The Security Council,", ""},
		{"To contribute to the rebuilding", ""},
		{"Member States shall", ""},
		{"", ""},
		{"Further deploring the", "Further deploring"},
		{"Continues to urge", "Continues to urge"},
		{"Renews its call upon", "Renews its call upon"},
		{"Recalls its resolutions", "Recalls"},
		{"Gravely concerned", "Gravely concerned"},
		{"Being appalled by", "Being appalled"},
		{"In this regard, calls upon all States", "In this regard, calls upon"},
		{"In this regard, the Council", ""},
		{"Сalls upon all States", "Сalls upon"},
		{"Decides, acting under Chapter VII", "Decides"},
		{"Having, in mind", "Having"},
		{"Decides:", "Decides"},
		{"Recalling\nalso its", "Recalling also"},
	}
	for _, tt := range tests {
		if got := leadPhrase(tt.in); got != tt.want {
			t.Errorf("leadPhrase(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
