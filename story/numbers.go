package story

import "slices"

// titleNumbers returns hashes of up to four distinct numbers in a title,
// sorted. Recurring columns differ mainly by their numbers ("Kết quả xổ
// số … tối 31.10" and "… tối 2.11", "Những tấm lòng vàng 8.11.2025"), so
// titles whose numbers conflict are never one story.
func titleNumbers(title string, _ []byte) (nums [4]uint32, n uint8) {
	for i := 0; i < len(title) && n < 4; {
		if title[i] < '0' || title[i] > '9' {
			i++
			continue
		}
		for i < len(title) && title[i] == '0' { // "01" is 1
			i++
		}
		j := i
		for j < len(title) && '0' <= title[j] && title[j] <= '9' {
			j++
		}
		h := uint32(fnv64([]byte(title[i:j])))
		if !slices.Contains(nums[:n], h) {
			nums[n] = h
			n++
		}
		i = j
	}
	slices.Sort(nums[:n])
	return nums, n
}

// numbersConflict reports titles that both carry numbers, neither set
// containing the other: a follow-up may add a number ("cấm 140 chuyến
// bay" after "cấm loạt chuyến bay"), but a different date or draw
// changes them.
func numbersConflict(a, b *Features) bool {
	if a.numsLen == 0 || b.numsLen == 0 {
		return false
	}
	return !subset(a.nums[:a.numsLen], b.nums[:b.numsLen]) && !subset(b.nums[:b.numsLen], a.nums[:a.numsLen])
}

func subset(small, big []uint32) bool {
	for _, x := range small {
		if !slices.Contains(big, x) {
			return false
		}
	}
	return true
}
