#pragma once
// Ground-truth material for the match tests, built in memory from core/synth pieces:
// a procedural film (textured shots, camera moves, cuts), a degraded source that may lack
// shots, and a reference re-timed (start shift, cut shots, a censorship cut inside a shot,
// duplicated and dropped frames, or 3:2 pulldown), reframed, rescaled, letterboxed,
// recoloured and compressed. Frames are rendered when read, so nothing touches the disk.
#include <algorithm>
#include <cstdlib>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include <opencv2/core.hpp>

#include "core/match/frame_access.h"
#include "core/match/mapping.h"
#include "core/synth/degrade.h"
#include "core/synth/synthetic_film.h"

namespace filmrecover::test {

struct MaterialOptions {
  int width = 320, height = 180, frames = 240, shots = 8;
  unsigned seed = 7;
  double motion = 1.0;
  // Source element.
  std::vector<int> sourceMissingShots;  // film shots the source lacks
  bool fade = true, monochrome = false, damage = true;
  double sourceGrain = 0.02;
  std::vector<int> sourceFlashShots;  // film shots whose middle frame the source shows as a white flash (a light leak, a splice)
  int sourceFirstFrame = 1001;
  // Reference element.
  int refWidth = 256, refHeight = 192;  // SD-like, 4:3 frame
  double letterbox = 16.0 / 9.0;        // picture aspect inside the frame (0 = none)
  double scale = 1.05, rotation = 0.3, shiftX = 3.0, shiftY = -2.0;
  int jpegQuality = 55;
  double refGrain = 0.006;
  int startOffset = 9, endTrim = 7;
  std::vector<int> refCutShots;  // film shots the reference lacks
  int censorShot = -1;           // a shot whose middle third the reference lacks
  int duplicateEvery = 0;        // a repeated frame every N reference frames (24->25: 24)
  int dropEvery = 0;             // a lost film frame every N film frames
  bool pulldown = false;         // 3:2 pulldown with field blends instead
  int refFirstFrame = 1;
};

struct RefTruth {
  int film = -1;        // film frame shown; -1 for none
  int second = -1;      // the other field's film frame when blended
  bool blended() const { return second >= 0 && second != film; }
};

struct Material {
  MaterialOptions options;
  std::shared_ptr<synth::SyntheticFilm> film;
  match::FrameAccess source, reference;
  std::vector<int> sourceFilm;      // per source index: film frame
  std::vector<RefTruth> refTruth;   // per reference index
  cv::Matx33d referenceToSource;    // OpenCV pixel-centre coordinates
  int pictureY0 = 0, pictureY1 = 0; // reference rows holding picture

  std::vector<int> sourceFlash;     // source indices that show a flash instead of their film frame

  int sourceIndex(int frame) const { return frame - options.sourceFirstFrame; }
  bool isFlash(int frame) const {
    return std::find(sourceFlash.begin(), sourceFlash.end(), sourceIndex(frame)) != sourceFlash.end();
  }
  int referenceIndex(int frame) const { return frame - options.refFirstFrame; }
  //! Film frame shown by a source frame number.
  int filmOfSource(int frame) const { return sourceFilm.at(sourceIndex(frame)); }
  //! Source frame numbers whose picture appears unblended somewhere in the reference.
  std::vector<int> coverableSource() const {
    std::vector<bool> shown(film->frameCount(), false);
    for (const auto& t : refTruth)
      if (t.film >= 0 && !t.blended()) shown[t.film] = true;
    std::vector<int> out;
    for (size_t i = 0; i < sourceFilm.size(); ++i)
      if (shown[sourceFilm[i]] && !isFlash(options.sourceFirstFrame + int(i))) out.push_back(options.sourceFirstFrame + int(i));
    return out;
  }
  //! True when the pair shows the same picture (an unblended reference frame of the same film frame).
  bool pairIsRight(const match::FramePair& p) const {
    const auto& t = refTruth.at(referenceIndex(p.reference));
    return !t.blended() && t.film == filmOfSource(p.source) && !isFlash(p.source);
  }
};

inline Material makeMaterial(const MaterialOptions& o) {
  Material m;
  m.options = o;
  synth::SyntheticFilmOptions fo;
  fo.width = o.width;
  fo.height = o.height;
  fo.frames = o.frames;
  fo.shots = o.shots;
  fo.seed = o.seed;
  fo.motion = o.motion;
  m.film = std::make_shared<synth::SyntheticFilm>(fo);
  const auto& shots = m.film->shots();
  auto inList = [](const std::vector<int>& v, int x) { return std::find(v.begin(), v.end(), x) != v.end(); };

  for (int i = 0; i < o.frames; ++i)
    if (!inList(o.sourceMissingShots, m.film->shotOf(i))) {
      const int shot = m.film->shotOf(i);
      if (inList(o.sourceFlashShots, shot) && i == shots[shot].first + shots[shot].length / 2)
        m.sourceFlash.push_back(int(m.sourceFilm.size()));
      m.sourceFilm.push_back(i);
    }

  // Reference timeline.
  std::vector<int> kept;
  for (int i = o.startOffset; i < o.frames - o.endTrim; ++i) {
    const int shot = m.film->shotOf(i);
    if (inList(o.refCutShots, shot)) continue;
    if (shot == o.censorShot) {
      const auto& s = shots[shot];
      if (i >= s.first + s.length / 3 && i < s.first + 2 * s.length / 3) continue;
    }
    if (o.dropEvery > 0 && i % o.dropEvery == o.dropEvery - 1) continue;
    kept.push_back(i);
  }
  if (o.pulldown) {
    for (size_t k = 0; k + 3 < kept.size(); k += 4) {
      m.refTruth.push_back({kept[k], -1});
      m.refTruth.push_back({kept[k + 1], -1});
      m.refTruth.push_back({kept[k + 1], kept[k + 2]});
      m.refTruth.push_back({kept[k + 2], kept[k + 3]});
      m.refTruth.push_back({kept[k + 3], -1});
    }
  } else {
    for (size_t k = 0; k < kept.size(); ++k) {
      m.refTruth.push_back({kept[k], -1});
      if (o.duplicateEvery > 0 && k % o.duplicateEvery == size_t(o.duplicateEvery - 1))
        m.refTruth.push_back({kept[k], -1});
    }
  }

  const cv::Matx33d reframe = synth::reframeMatrix(o.width, o.height, o.scale, o.rotation, o.shiftX, o.shiftY);
  const cv::Matx33d resize = synth::resizeMatrix(o.width, o.height, o.refWidth, o.refHeight);
  m.referenceToSource = (resize * reframe).inv();
  m.pictureY0 = 0;
  m.pictureY1 = o.refHeight;
  if (o.letterbox > 0)
    synth::degradeLetterbox(Image(o.refWidth, o.refHeight, 3), o.letterbox, &m.pictureY0, &m.pictureY1);

  auto film = m.film;
  m.source.spec = "synthetic-source";
  m.source.width = o.width;
  m.source.height = o.height;
  m.source.frameRate = 24;
  for (size_t i = 0; i < m.sourceFilm.size(); ++i) m.source.frames.push_back(o.sourceFirstFrame + int(i));
  m.source.read = [film, o, filmIdx = m.sourceFilm, flash = m.sourceFlash](int frame) {
    const int i = frame - o.sourceFirstFrame;
    Image f = film->frame(filmIdx.at(i));
    if (std::find(flash.begin(), flash.end(), i) != flash.end())
      std::fill(f.pixels.begin(), f.pixels.end(), 0.92f);
    if (o.fade) f = synth::degradeFade(f, synth::FadeOptions{});
    if (o.monochrome) f = synth::degradeMonochrome(f);
    if (o.damage) f = synth::degradeDamage(f, synth::DamageOptions{}, o.seed, i);
    if (o.sourceGrain > 0) f = synth::degradeGrain(f, o.sourceGrain, o.seed * 31u + unsigned(i));
    return f;
  };

  m.reference.spec = "synthetic-reference";
  m.reference.width = o.refWidth;
  m.reference.height = o.refHeight;
  m.reference.frameRate = o.pulldown ? 29.97 : 25;
  for (size_t i = 0; i < m.refTruth.size(); ++i) m.reference.frames.push_back(o.refFirstFrame + int(i));
  m.reference.read = [film, o, truth = m.refTruth, reframe](int frame) {
    const int j = frame - o.refFirstFrame;
    const RefTruth& t = truth.at(j);
    // Fields are woven last, at the reference's own resolution, as a telecine does.
    auto framed = [&](int filmFrame) {
      return synth::degradeResize(synth::degradeWarp(film->frame(filmFrame), reframe.inv(), o.width, o.height),
                                  o.refWidth, o.refHeight);
    };
    Image f = framed(t.film);
    if (t.blended()) f = synth::interlaceFields(f, framed(t.second));
    if (o.letterbox > 0) f = synth::degradeLetterbox(f, o.letterbox);
    if (o.refGrain > 0) f = synth::degradeGrain(f, o.refGrain, o.seed * 77u + unsigned(j));
    if (o.jpegQuality > 0) f = synth::degradeCompress(f, o.jpegQuality);
    return f;
  };
  return m;
}

//! The degradations at once. 240 frames, 8 shots. Source: faded magenta print with
//! grain, dust and scratches, lacking one shot, a white flash in three others. Reference:
//! SD 256x192 anamorphic, letterboxed, reframed (5% zoom, 0.3 deg, shifted), JPEG q55,
//! starting 9 frames late, ending 7 early, one shot cut out, the middle third of another
//! censored, a duplicate every 24 frames and a film frame lost every 31. FR_SEED, when
//! set, replaces the seed (to sweep seeds by hand).
inline MaterialOptions everythingTogether(unsigned seed) {
  MaterialOptions o;
  o.sourceMissingShots = {6};
  o.sourceFlashShots = {1, 4, 7};
  o.refCutShots = {3};
  o.censorShot = 5;
  o.duplicateEvery = 24;
  o.dropEvery = 31;
  o.seed = std::getenv("FR_SEED") ? unsigned(std::atoi(std::getenv("FR_SEED"))) : seed;
  return o;
}

//! Precision, recall and flag honesty of a mapping against the material's truth.
struct MatchScore {
  int pairs = 0, usable = 0, usableRight = 0, flagged = 0, flaggedWrong = 0, coverable = 0;
  int usableNear = 0;  // usable pairs within one frame of the right one (same shot, same moment +-1)
  double precision() const { return usable ? double(usableRight) / usable : 0; }
  double recall() const { return coverable ? double(usableRight) / coverable : 0; }
};

inline MatchScore scoreMapping(const Material& m, const match::Mapping& map) {
  MatchScore s;
  s.coverable = int(m.coverableSource().size());
  for (const auto& p : map.pairs) {
    ++s.pairs;
    const bool right = m.pairIsRight(p);
    if (p.flagged()) {
      ++s.flagged;
      s.flaggedWrong += !right;
    } else {
      ++s.usable;
      s.usableRight += right;
      const auto& t = m.refTruth.at(m.referenceIndex(p.reference));
      s.usableNear += t.film >= 0 && std::abs(t.film - m.filmOfSource(p.source)) <= 1 &&
                      m.film->shotOf(t.film) == m.film->shotOf(m.filmOfSource(p.source));
    }
  }
  return s;
}

}  // namespace filmrecover::test
