package story

import (
	"ttdn/vntext"
)

// Signature parameters: numHashes MinHash values split into numBands
// bands of bandRows for LSH. A pair with word-pair Jaccard J becomes a
// candidate with probability 1-(1-J³)¹⁰: 0.74 at J = 0.5, 0.98 at 0.7,
// 0.001 for unrelated items (J ≈ 0.05).
const (
	numHashes = 30
	numBands  = 10
	bandRows  = numHashes / numBands
)

// signature is the MinHash of an item's word-pair set.
type signature [numHashes]uint32

// hashSeeds are the odd multipliers of the hash family h_i(x) = hi32((x ^
// s_i) * m_i), drawn from a fixed splitmix64 sequence so signatures are
// stable across runs and releases (they may be stored).
var hashSeeds, hashMults = func() (s, m [numHashes]uint64) {
	x := uint64(0x9E3779B97F4A7C15)
	for i := range numHashes {
		x = splitmix(x)
		s[i] = x
		x = splitmix(x)
		m[i] = x | 1
	}
	return
}()

func splitmix(x uint64) uint64 {
	x += 0x9E3779B97F4A7C15
	x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9
	x = (x ^ (x >> 27)) * 0x94D049BB133111EB
	return x ^ (x >> 31)
}

// fnv64 hashes a folded word.
func fnv64(b []byte) uint64 {
	h := uint64(14695981039346656037)
	for _, c := range b {
		h ^= uint64(c)
		h *= 1099511628211
	}
	return h
}

// shingles appends the hashes of the consecutive word pairs of the folded
// text to dst. Word pairs rather than words: two items about different
// events share many words but few pairs.
func shingles(dst []uint64, text string, buf []byte) ([]uint64, []byte) {
	buf = vntext.AppendFold(buf[:0], text)
	var prev uint64
	have := false
	start := -1
	for i := 0; i <= len(buf); i++ {
		word := i < len(buf) && isWordByte(buf[i])
		if word && start < 0 {
			start = i
		}
		if !word && start >= 0 {
			h := fnv64(buf[start:i])
			if have {
				dst = append(dst, splitmix(prev*31+h))
			}
			prev, have, start = h, true, -1
		}
	}
	return dst, buf
}

// isWordByte treats every non-ASCII byte as part of a word: folded
// Vietnamese is ASCII, and other scripts are kept whole.
func isWordByte(c byte) bool {
	return c >= 0x80 || 'a' <= c && c <= 'z' || '0' <= c && c <= '9'
}

// minhash computes the signature of a shingle set (duplicates are
// harmless).
func minhash(sh []uint64) signature {
	var sig signature
	for i := range sig {
		sig[i] = ^uint32(0)
	}
	for _, x := range sh {
		for i := range numHashes {
			if v := uint32(((x ^ hashSeeds[i]) * hashMults[i]) >> 32); v < sig[i] {
				sig[i] = v
			}
		}
	}
	return sig
}

// similarity estimates the Jaccard similarity of the sets behind a and b.
func similarity(a, b *signature) float64 {
	n := 0
	for i := range a {
		if a[i] == b[i] {
			n++
		}
	}
	return float64(n) / numHashes
}

// bandKey hashes band i of sig, the band index included so equal values
// in different bands do not collide.
func bandKey(sig *signature, band int) uint64 {
	h := uint64(band) + 1
	for _, v := range sig[band*bandRows : (band+1)*bandRows] {
		h = splitmix(h ^ uint64(v))
	}
	return h
}
